package registry.core.internal.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.RegistryException;
import registry.core.RepositoryName;
import registry.core.internal.paths.StoragePaths;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;

/**
 * How an online collection and the writes beside it agree, through the storage they share, so
 * the agreement holds across every instance over one directory or bucket.
 *
 * <p>The collector marks once, then publishes a notice naming what that mark would delete
 * (digests, and repositories whose manifests are all gone), marks again, and deletes only what
 * both marks condemn. A write that makes something reachable (a manifest put, a tag, a mount, a
 * finished upload) first writes all its links, then {@linkplain #awaitQuiet looks for notices}.
 * Either the write's links existed before the notice did, so the second mark sees them and
 * keeps their targets; or the write sees the notice. A write that sees a live notice naming one
 * of its digests waits until no notice names them, then checks and writes again what it
 * depends on: what the sweep took is then gone for good, and the write either restores it (a
 * manifest's own bytes and links) or fails without acknowledging.
 *
 * <p>A notice carries a deadline. Its collector renews it while it works and deletes nothing
 * once the deadline is near, so a collector that died or stalled blocks writes for one lease
 * at most. Notices live under {@code _gc/sweeps/}, a name distribution never reads.
 */
public final class SweepNotices {

  /** How long a notice holds without renewal. */
  static final Duration LEASE = Duration.ofSeconds(60);
  /** A collector renews its notice once this much of the lease has passed... */
  static final Duration RENEW_AFTER = Duration.ofSeconds(20);
  /** ...and deletes nothing when less than this is left (room for clocks that disagree). */
  static final Duration SAFETY_MARGIN = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(20);
  private static final String DIR = StoragePaths.ROOT + "/_gc/sweeps";

  private final StorageDriver storage;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  SweepNotices(StorageDriver storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** Publishes a notice naming what a collection is about to delete. */
  public Notice publish(Set<Digest> digests, Set<RepositoryName> repositories) throws IOException {
    Notice notice = new Notice(DIR + "/" + UUID.randomUUID(), Set.copyOf(digests), Set.copyOf(repositories));
    notice.write();
    return notice;
  }

  /**
   * Called by a write once all its links are written. Returns {@code false} at once when no
   * live notice names one of {@code digests} or {@code repository}: the write is safe. Otherwise
   * waits until none does and returns {@code true}: a sweep may have deleted what the write
   * depends on, so the caller checks, writes again and calls this again.
   *
   * @throws RegistryException {@code UNAVAILABLE} when notices keep naming them for longer
   *     than two leases
   */
  public boolean awaitQuiet(RepositoryName repository, Collection<Digest> digests) throws IOException {
    Instant giveUp = clock.instant().plus(LEASE.multipliedBy(2));
    boolean waited = false;
    while (concerns(repository, digests)) {
      waited = true;
      if (clock.instant().isAfter(giveUp)) {
        throw new RegistryException(ErrorCode.UNAVAILABLE,
            "a garbage collection keeps deleting what this request refers to; try again later");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while a garbage collection swept", e);
      }
    }
    return waited;
  }

  /** Whether a live notice names one of the digests or the repository. */
  private boolean concerns(RepositoryName repository, Collection<Digest> digests) throws IOException {
    List<String> paths;
    try {
      // A stat first: on the filesystem, listing a missing directory costs two exceptions with
      // stack traces, and most registries never ran a collection.
      storage.stat(DIR);
      paths = storage.list(DIR);
    } catch (NoSuchFileException e) {
      return false;
    }
    Instant now = clock.instant();
    for (String path : paths) {
      Cached notice = read(path);
      if (notice == null || !now.isBefore(notice.deadline)) {
        continue; // withdrawn meanwhile, or its collector is gone
      }
      if (notice.repositories.contains(repository.value())) {
        return true;
      }
      for (Digest d : digests) {
        if (notice.digests.contains(d.toString())) {
          return true;
        }
      }
    }
    return false;
  }

  /** A notice as last read; read again only when its file changed (a renewal). */
  private Cached read(String path) throws IOException {
    FileInfo info;
    byte[] content;
    try {
      info = storage.stat(path);
      Cached cached = cache.get(path);
      if (cached != null && cached.modified.equals(info.modified()) && cached.size == info.size()) {
        return cached;
      }
      content = storage.getContent(path);
    } catch (NoSuchFileException e) {
      cache.remove(path);
      return null;
    }
    Cached parsed = Cached.parse(content, info);
    if (cache.size() > 64) {
      cache.clear(); // notices of collections long finished
    }
    cache.put(path, parsed);
    return parsed;
  }

  /** A parsed notice. A notice that does not parse counts as live for a lease from its write. */
  private record Cached(Instant modified, long size, Instant deadline, Set<String> digests, Set<String> repositories) {
    static Cached parse(byte[] content, FileInfo info) {
      Instant deadline = info.modified().plus(LEASE);
      Set<String> digests = new HashSet<>();
      Set<String> repositories = new HashSet<>();
      for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
        int space = line.indexOf(' ');
        if (space < 0) {
          continue;
        }
        String key = line.substring(0, space);
        String value = line.substring(space + 1).trim();
        switch (key) {
          case "deadline" -> {
            try {
              deadline = Instant.parse(value);
            } catch (DateTimeParseException e) {
              // keep the lease from the file's time
            }
          }
          case "digest" -> digests.add(value);
          case "repository" -> repositories.add(value);
          default -> { }
        }
      }
      return new Cached(info.modified(), info.size(), deadline, digests, repositories);
    }
  }

  /** One collection's notice, held while it deletes. */
  public final class Notice implements AutoCloseable {
    private final String path;
    private final Set<Digest> digests;
    private final Set<RepositoryName> repositories;
    private Instant written;
    private Instant deadline;

    private Notice(String path, Set<Digest> digests, Set<RepositoryName> repositories) {
      this.path = path;
      this.digests = digests;
      this.repositories = repositories;
    }

    private void write() throws IOException {
      Instant now = clock.instant();
      Instant until = now.plus(LEASE);
      StringBuilder text = new StringBuilder("deadline ").append(until).append('\n');
      repositories.stream().map(RepositoryName::value).sorted()
          .forEach(r -> text.append("repository ").append(r).append('\n'));
      digests.stream().map(Digest::toString).sorted().forEach(d -> text.append("digest ").append(d).append('\n'));
      storage.putContent(path, text.toString().getBytes(StandardCharsets.UTF_8));
      written = now;
      deadline = until;
    }

    /**
     * Called before each deletion: renews the notice when due, and reports {@code false} when
     * the deadline is too near to delete safely (the collector stalled), after which the
     * collector must delete nothing more.
     */
    public boolean holds() throws IOException {
      Instant now = clock.instant();
      if (!now.isBefore(deadline.minus(SAFETY_MARGIN))) {
        return false;
      }
      if (!now.isBefore(written.plus(RENEW_AFTER))) {
        write();
      }
      return true;
    }

    /** Whether the notice names this digest: a collector deletes nothing it did not announce. */
    public boolean names(Digest digest) {
      return digests.contains(digest);
    }

    /** Whether the notice names this repository. */
    public boolean names(RepositoryName repository) {
      return repositories.contains(repository);
    }

    /** Withdraws the notice: writes waiting on it go on. */
    @Override
    public void close() throws IOException {
      try {
        storage.delete(path);
      } catch (NoSuchFileException e) {
        // already gone
      }
    }
  }
}
