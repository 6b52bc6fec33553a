package registry.core;

import java.time.Instant;

/**
 * Where an upload stands.
 *
 * @param repository the repository the upload belongs to
 * @param id the upload's id (a UUID), also its location
 * @param offset the bytes received so far; the next chunk must start here
 * @param startedAt when the upload started
 */
public record UploadStatus(RepositoryName repository, String id, long offset, Instant startedAt) {}
