package registry.core;

import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened to a repository's content, as distribution's notifications report it.
 *
 * @param action what happened
 * @param repository where
 * @param digest the content's digest
 * @param mediaType the content's media type ({@code application/octet-stream} for blobs)
 * @param size the content's size in bytes (-1 when unknown, as for deletes)
 * @param tag the tag involved, if any
 * @param from the source repository of a mount, if any
 * @param timestamp when it happened
 */
public record RegistryEvent(Action action, RepositoryName repository, Digest digest, String mediaType, long size,
    Optional<Tag> tag, Optional<RepositoryName> from, Instant timestamp) {

  /** The kinds of event. */
  public enum Action {
    /** A blob or manifest was pushed. */
    PUSH,
    /** A blob or manifest was read. */
    PULL,
    /** A blob was mounted from another repository. */
    MOUNT,
    /** A blob, manifest or tag was deleted. */
    DELETE;

    /** The lowercase name distribution's notifications use. */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Validates. */
  public RegistryEvent {
    if (action == null || repository == null || timestamp == null) {
      throw new IllegalArgumentException("action, repository and timestamp are required");
    }
    tag = tag == null ? Optional.empty() : tag;
    from = from == null ? Optional.empty() : from;
  }

  /** Whether the content is a manifest (it has a manifest media type). */
  public boolean isManifest() {
    return mediaType != null && (MediaTypes.MANIFESTS.contains(mediaType) || mediaType.contains("manifest"));
  }
}
