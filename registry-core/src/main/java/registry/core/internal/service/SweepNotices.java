package registry.core.internal.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashMap;
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
 * (digests, and repositories whose manifests are all gone), marks again, deletes only what both
 * marks condemn, and marks its notice done. A write that makes something reachable (a manifest
 * put, a tag, a mount, a finished upload) {@linkplain #open opens a window} before it writes and
 * {@linkplain Window#overlapped asks} after: did a sweep naming its digests run, wholly or in
 * part, in between? If not, its links existed before any such notice and the second mark kept
 * their targets. If so, it waits for that sweep to end, then checks and writes again what it
 * depends on: what the sweep took is gone for good, and the write either restores it (a
 * manifest's own bytes and links) or fails without acknowledging.
 *
 * <p>A sweep can start and end between a write's two looks, so done notices stay a while
 * ({@link #KEEP_DONE}) and a window longer than {@link #LONGEST_WINDOW} always counts as
 * overlapped. A live notice carries a deadline: its collector renews it while it works and
 * deletes nothing once the deadline is near, so a collector that died or stalled holds writes
 * up for one lease at most. Notices live under {@code _gc/sweeps/}, a name distribution never
 * reads.
 */
public final class SweepNotices {

  /** How long a notice holds without renewal. */
  static final Duration LEASE = Duration.ofSeconds(60);
  /** A collector renews its notice once this much of the lease has passed... */
  static final Duration RENEW_AFTER = Duration.ofSeconds(20);
  /** ...and deletes nothing when less than this is left (room for clocks that disagree). */
  static final Duration SAFETY_MARGIN = Duration.ofSeconds(15);
  /** How long a done notice stays for writes whose window it fell into. */
  static final Duration KEEP_DONE = Duration.ofMinutes(2);
  /** A write open longer than this counts as overlapped by any sweep: done notices may be gone. */
  static final Duration LONGEST_WINDOW = Duration.ofMinutes(1);
  private static final Duration POLL = Duration.ofMillis(20);
  private static final String DIR = StoragePaths.ROOT + "/_gc/sweeps";
  private static final String DONE = ".done";

  private final StorageDriver storage;
  private final Clock clock;
  private final Map<String, Seen> cache = new ConcurrentHashMap<>();

  SweepNotices(StorageDriver storage, Clock clock) {
    this.storage = storage;
    this.clock = clock;
  }

  /** Publishes a notice naming what a collection is about to delete; clears done notices of old runs first. */
  public Notice publish(Set<Digest> digests, Set<RepositoryName> repositories) throws IOException {
    clearOld();
    Notice notice = new Notice(DIR + "/" + UUID.randomUUID(), Set.copyOf(digests), Set.copyOf(repositories));
    notice.write();
    return notice;
  }

  /** Opens a write's window: call before writing the first link. */
  public Window open() throws IOException {
    return new Window(read(), clock.instant());
  }

  /** The window of one write, between its first look at the notices and its last. */
  public final class Window {
    private Map<String, Seen> before;
    private Instant opened;

    private Window(Map<String, Seen> before, Instant opened) {
      this.before = before;
      this.opened = opened;
    }

    /**
     * Called once the write's links are written: whether a sweep naming one of {@code digests}
     * or {@code repository} ran while they were written. Waits first until no such sweep is
     * live. When it returns {@code true}, the caller checks what it depends on, writes again
     * and asks again; the window then starts anew.
     *
     * @throws RegistryException {@code UNAVAILABLE} when sweeps keep naming them for longer
     *     than two leases
     */
    public boolean overlapped(RepositoryName repository, Collection<Digest> digests) throws IOException {
      Instant giveUp = clock.instant().plus(LEASE.multipliedBy(2));
      boolean overlapped = clock.instant().isAfter(opened.plus(LONGEST_WINDOW));
      while (true) {
        Map<String, Seen> now = read();
        Instant at = clock.instant();
        boolean live = false;
        for (Seen notice : now.values()) {
          if (!notice.names(repository, digests)) {
            continue;
          }
          Seen earlier = before.get(notice.id);
          if (notice.active(at)) {
            live = true;
          } else if (earlier == null || earlier.active(opened)) {
            overlapped = true; // began or ended inside the window
          }
        }
        for (Seen earlier : before.values()) {
          if (!now.containsKey(earlier.id) && earlier.active(opened) && earlier.names(repository, digests)) {
            overlapped = true; // live when the window opened, done and cleared since
          }
        }
        if (!live) {
          before = now;
          opened = at;
          return overlapped;
        }
        overlapped = true;
        if (at.isAfter(giveUp)) {
          throw new RegistryException(ErrorCode.UNAVAILABLE,
              "a garbage collection keeps deleting what this request refers to; try again later");
        }
        pause();
      }
    }
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while a garbage collection swept", e);
    }
  }

  /** Every notice now, by id. */
  private Map<String, Seen> read() throws IOException {
    List<String> paths;
    try {
      // A stat first: on the filesystem, listing a missing directory costs two exceptions with
      // stack traces, and most registries never ran a collection.
      storage.stat(DIR);
      paths = storage.list(DIR);
    } catch (NoSuchFileException e) {
      return Map.of();
    }
    if (cache.size() > 256) {
      cache.clear(); // notices of collections long finished
    }
    Map<String, Seen> notices = new HashMap<>();
    for (String path : paths) {
      Seen notice = read(path);
      if (notice != null) {
        notices.merge(notice.id, notice, (a, b) -> a.done ? b : a); // both names while one becomes the other: live wins
      }
    }
    return notices;
  }

  /** A notice as last read: a done one never changes; a live one is read again when renewed. */
  private Seen read(String path) throws IOException {
    Seen cached = cache.get(path);
    if (cached != null && cached.done) {
      return cached;
    }
    FileInfo info;
    byte[] content;
    try {
      info = storage.stat(path);
      if (cached != null && cached.modified.equals(info.modified()) && cached.size == info.size()) {
        return cached;
      }
      content = storage.getContent(path);
    } catch (NoSuchFileException e) {
      cache.remove(path);
      return null;
    }
    Seen parsed = Seen.parse(path, content, info);
    cache.put(path, parsed);
    return parsed;
  }

  /** Deletes done notices older than {@link #KEEP_DONE}, and those of collectors gone as long. */
  private void clearOld() throws IOException {
    Instant limit = clock.instant().minus(KEEP_DONE);
    for (Seen notice : read().values()) {
      if (notice.done ? notice.modified.isBefore(limit) : notice.deadline.isBefore(limit)) {
        deleteIfExists(notice.path);
      }
    }
  }

  private void deleteIfExists(String path) throws IOException {
    try {
      storage.delete(path);
    } catch (NoSuchFileException e) {
      // cleared by another collector
    }
  }

  /** A parsed notice. One that does not parse counts as live for a lease from its write. */
  private record Seen(String path, String id, boolean done, Instant modified, long size, Instant deadline,
      Set<String> digests, Set<String> repositories) {

    boolean active(Instant now) {
      return !done && now.isBefore(deadline);
    }

    boolean names(RepositoryName repository, Collection<Digest> wanted) {
      if (repositories.contains(repository.value())) {
        return true;
      }
      for (Digest d : wanted) {
        if (digests.contains(d.toString())) {
          return true;
        }
      }
      return false;
    }

    static Seen parse(String path, byte[] content, FileInfo info) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      boolean done = name.endsWith(DONE);
      Instant deadline = info.modified().plus(LEASE);
      Set<String> digests = new HashSet<>();
      Set<String> repositories = new HashSet<>();
      for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
        int space = line.indexOf(' ');
        if (space < 0) {
          continue;
        }
        String value = line.substring(space + 1).trim();
        switch (line.substring(0, space)) {
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
      String id = done ? name.substring(0, name.length() - DONE.length()) : name;
      return new Seen(path, id, done, info.modified(), info.size(), deadline, digests, repositories);
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
      storage.putContent(path, content("deadline " + until + "\n"));
      written = now;
      deadline = until;
    }

    private byte[] content(String first) {
      StringBuilder text = new StringBuilder(first);
      repositories.stream().map(RepositoryName::value).sorted()
          .forEach(r -> text.append("repository ").append(r).append('\n'));
      digests.stream().map(Digest::toString).sorted().forEach(d -> text.append("digest ").append(d).append('\n'));
      return text.toString().getBytes(StandardCharsets.UTF_8);
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

    /**
     * Marks the sweep done: the done notice goes first, so a reader sees one of the two all
     * along, and stays for the writes whose window the sweep fell into.
     */
    @Override
    public void close() throws IOException {
      storage.putContent(path + DONE, content(""));
      deleteIfExists(path);
    }
  }
}
