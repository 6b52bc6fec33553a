package registry.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import registry.core.Registry;
import registry.core.spi.DeferredSync;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;
import registry.core.spi.WalkVisitor;

/**
 * The one contract every {@link StorageDriver} must pass. A driver's test is a subclass that
 * supplies {@link #newDriver()}, with {@code dev.registry:registry-testkit} as its one test
 * dependency:
 *
 * <pre>{@code
 * class MyDriverTest extends StorageDriverContract {
 *   protected StorageDriver newDriver() {
 *     return new MyDriver(...);
 *   }
 * }
 * }</pre>
 *
 * <p>The driver runs as the registry runs it: wrapped with the registry's path checks, and a
 * {@link DeferredSync} only when the driver is one (the tests of that ability are skipped for a
 * driver without it). Each test
 * works under its own top-level directory ({@link #path}), deletes it afterwards and fails if the
 * root still lists it, so drivers over shared storage (a bucket) can run the suite too.
 */
public abstract class StorageDriverContract {

  /** How far a modification time may be from the test's clock (other hosts' clocks drift). */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

  /** The driver under test, as {@link Registry#storage()} wraps it. */
  protected StorageDriver driver;

  private String prefix;

  /** A new driver over empty (or at least test-private) storage. */
  protected abstract StorageDriver newDriver() throws Exception;

  /** Bytes in the large streamed file; 1 GiB unless a driver keeps files in the heap. */
  protected long largeFileSize() {
    return 1L << 30;
  }

  @BeforeEach
  void openDriver(TestInfo test) throws Exception {
    // As the registry sees it: wrapped with its path checks, DeferredSync kept or not.
    driver = Registry.builder().storage(newDriver()).build().storage();
    String name = test.getTestMethod().map(Method::getName).orElse("test");
    prefix = "/" + name.replaceAll("[^A-Za-z0-9._-]", "-") + "-"
        + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
  }

  @AfterEach
  void removeWhatTheTestMadeAndCheckNothingIsLeft() throws Exception {
    try {
      if (exists(prefix)) {
        driver.delete(prefix);
      }
      assertThat(exists(prefix)).as("%s after delete", prefix).isFalse();
      assertThat(driver.list("/")).as("root after the test").doesNotContain(prefix);
    } finally {
      driver.close();
    }
  }

  /** The storage path of {@code relative} (such as {@code "/a/b"}) in this test's directory. */
  protected final String path(String relative) {
    return prefix + relative;
  }

  // ---- content round trips ----

  @Test
  void emptyContentRoundTrips() throws IOException {
    driver.putContent(path("/empty"), new byte[0]);
    assertThat(driver.getContent(path("/empty"))).isEmpty();
    assertThat(driver.stat(path("/empty")).size()).isZero();
  }

  @Test
  void smallContentRoundTrips() throws IOException {
    driver.putContent(path("/small"), bytes("sha256:0123abcd"));
    assertThat(driver.getContent(path("/small"))).isEqualTo(bytes("sha256:0123abcd"));
    assertThat(readAll(path("/small"), 0)).isEqualTo(bytes("sha256:0123abcd"));
  }

  @Test
  void binaryContentRoundTrips() throws IOException {
    byte[] everyByte = new byte[256];
    for (int i = 0; i < everyByte.length; i++) {
      everyByte[i] = (byte) i;
    }
    byte[] large = new DeterministicBytes(1).next(300_001);
    driver.putContent(path("/every-byte"), everyByte);
    driver.putContent(path("/large"), large);
    assertThat(driver.getContent(path("/every-byte"))).isEqualTo(everyByte);
    assertThat(driver.getContent(path("/large"))).isEqualTo(large);
    assertThat(readAll(path("/large"), 0)).isEqualTo(large);
  }

  @Test
  void putContentReplacesLongerContent() throws IOException {
    driver.putContent(path("/f"), bytes("a much longer first version"));
    driver.putContent(path("/f"), bytes("short"));
    assertThat(driver.getContent(path("/f"))).isEqualTo(bytes("short"));
    assertThat(driver.stat(path("/f")).size()).isEqualTo(5);
  }

  @Test
  void putContentWithoutSyncWritesAndReplacesLikePutContent() throws IOException {
    deferredSync().putContentWithoutSync(path("/lazy/started"), bytes("a longer first start time"));
    deferredSync().putContentWithoutSync(path("/lazy/started"), bytes("2026-11-27T14:30:24Z"));
    assertThat(driver.getContent(path("/lazy/started"))).isEqualTo(bytes("2026-11-27T14:30:24Z"));
    assertThat(driver.stat(path("/lazy/started")).size()).isEqualTo(20);
    assertThat(driver.list(path("/lazy"))).containsExactly(path("/lazy/started"));
  }

  @Test
  void putContentCreatesParentDirectories() throws IOException {
    driver.putContent(path("/a/b/c/d"), bytes("deep"));
    assertThat(driver.getContent(path("/a/b/c/d"))).isEqualTo(bytes("deep"));
    assertThat(driver.stat(path("/a/b")).isDirectory()).isTrue();
  }

  @Test
  @Timeout(120)
  void putContentIsSeenWholeOrNotAtAll() throws Exception {
    byte[] first = new byte[300_000];
    byte[] second = new byte[100_000];
    Arrays.fill(first, (byte) 'a');
    Arrays.fill(second, (byte) 'b');
    String p = path("/atomic");
    driver.putContent(p, first);
    AtomicBoolean done = new AtomicBoolean();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> puts = pool.submit(() -> {
        try {
          for (int i = 0; i < 40; i++) {
            driver.putContent(p, i % 2 == 0 ? second : first);
          }
        } finally {
          done.set(true);
        }
        return null;
      });
      int reads = 0;
      while (!done.get() || reads < 10) {
        byte[] seen = driver.getContent(p);
        assertThat(Arrays.equals(seen, first) || Arrays.equals(seen, second))
            .as("read %d saw %d bytes, neither version whole", reads, seen.length).isTrue();
        reads++;
      }
      puts.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- missing paths ----

  @Test
  void missingPathsAreReportedAsNoSuchFile() throws IOException {
    driver.putContent(path("/present"), bytes("x"));
    String missing = path("/missing/file");
    List<PathCall> calls = List.of(
        p -> driver.getContent(p),
        p -> driver.reader(p, 0).close(),
        p -> driver.stat(p),
        p -> driver.list(p),
        p -> driver.move(p, path("/elsewhere")),
        p -> driver.delete(p),
        p -> driver.walk(p, e -> WalkVisitor.Decision.CONTINUE));
    for (PathCall call : calls) {
      assertThat(catchThrowable(() -> call.run(missing))).isInstanceOf(NoSuchFileException.class);
    }
    assertThat(exists(path("/elsewhere"))).isFalse();
    assertThat(driver.getContent(path("/present"))).isEqualTo(bytes("x"));
  }

  @Test
  void filesAndDirectoriesAreNotInterchangeable() throws IOException {
    driver.putContent(path("/dir/file"), bytes("x"));
    // Which IOException depends on the store (an object store may only see "no such key").
    List<PathCall> onDirectory = List.of(p -> driver.getContent(p), p -> driver.reader(p, 0).close());
    for (PathCall call : onDirectory) {
      assertThat(catchThrowable(() -> call.run(path("/dir")))).isInstanceOf(IOException.class);
    }
    List<PathCall> onFile = List.of(p -> driver.list(p),
        p -> driver.walk(p, e -> WalkVisitor.Decision.CONTINUE));
    for (PathCall call : onFile) {
      assertThat(catchThrowable(() -> call.run(path("/dir/file")))).isInstanceOf(IOException.class);
    }
    assertThat(driver.getContent(path("/dir/file"))).isEqualTo(bytes("x"));
  }

  // ---- readers ----

  @Test
  void readerStartsAtOffset() throws IOException {
    driver.putContent(path("/digits"), bytes("0123456789"));
    assertThat(readAll(path("/digits"), 0)).isEqualTo(bytes("0123456789"));
    assertThat(readAll(path("/digits"), 4)).isEqualTo(bytes("456789"));
    assertThat(readAll(path("/digits"), 10)).isEmpty();
    assertThat(readAll(path("/digits"), 25)).isEmpty();
  }

  @Test
  void readerAtOffsetCrossesInternalBoundaries() throws IOException {
    byte[] content = new DeterministicBytes(2).next(200_000);
    driver.putContent(path("/big"), content);
    for (int offset : new int[] {1, 65_535, 65_536, 131_073, 199_999}) {
      assertThat(readAll(path("/big"), offset))
          .isEqualTo(Arrays.copyOfRange(content, offset, content.length));
    }
  }

  // ---- writers ----

  @Test
  void committedWriterContentIsReadable() throws IOException {
    try (StorageWriter w = driver.writer(path("/w"), false)) {
      w.write(bytes("hello, "));
      w.write('w');
      w.write(bytes("xxorld"), 2, 4);
      w.commit();
    }
    assertThat(driver.getContent(path("/w"))).isEqualTo(bytes("hello, world"));
  }

  @Test
  void appendAfterReopenContinuesAtSize() throws IOException {
    String p = path("/upload/data");
    try (StorageWriter w = driver.writer(p, false)) {
      w.write(bytes("first "));
    }
    // A closed writer's bytes can be read back (another instance re-hashes them).
    assertThat(driver.getContent(p)).isEqualTo(bytes("first "));
    try (StorageWriter w = driver.writer(p, true)) {
      assertThat(w.size()).isEqualTo(6);
      w.write(bytes("second "));
    }
    try (StorageWriter w = driver.writer(p, true)) {
      assertThat(w.size()).isEqualTo(13);
      w.write(bytes("third"));
      w.commit();
    }
    assertThat(driver.getContent(p)).isEqualTo(bytes("first second third"));
  }

  @Test
  void appendAfterZeroByteWriteContinues() throws IOException {
    String p = path("/zero");
    driver.writer(p, false).close();
    assertThat(driver.getContent(p)).isEmpty();
    try (StorageWriter w = driver.writer(p, true)) {
      assertThat(w.size()).isZero();
      w.write(bytes("abc"));
      w.commit();
    }
    assertThat(driver.getContent(p)).isEqualTo(bytes("abc"));
  }

  @Test
  void appendToMissingPathCreatesIt() throws IOException {
    try (StorageWriter w = driver.writer(path("/new/file"), true)) {
      assertThat(w.size()).isZero();
      w.write(bytes("created"));
      w.commit();
    }
    assertThat(driver.getContent(path("/new/file"))).isEqualTo(bytes("created"));
  }

  @Test
  void sizeCountsEarlierAndNewBytes() throws IOException {
    String p = path("/sized");
    try (StorageWriter w = driver.writer(p, false)) {
      assertThat(w.size()).isZero();
      w.write(bytes("12345"));
      assertThat(w.size()).isEqualTo(5);
      w.write('6');
      assertThat(w.size()).isEqualTo(6);
    }
    try (StorageWriter w = driver.writer(p, true)) {
      assertThat(w.size()).isEqualTo(6);
      w.write(new byte[100_000]);
      assertThat(w.size()).isEqualTo(100_006);
      w.commit();
      assertThat(w.size()).isEqualTo(100_006);
    }
    assertThat(driver.stat(p).size()).isEqualTo(100_006);
  }

  @Test
  void replacingWriterKeepsOldContentUntilCommit() throws IOException {
    String p = path("/replaced");
    driver.putContent(p, bytes("old content"));
    try (StorageWriter w = driver.writer(p, false)) {
      assertThat(w.size()).isZero();
      w.write(bytes("new"));
      assertThat(driver.getContent(p)).isEqualTo(bytes("old content"));
      w.commit();
    }
    assertThat(driver.getContent(p)).isEqualTo(bytes("new"));
  }

  @Test
  void cancelOfNewWriterLeavesNothing() throws IOException {
    String p = path("/cancelled");
    StorageWriter w = driver.writer(p, false);
    w.write(bytes("discard me"));
    w.cancel();
    w.close();
    assertThat(exists(p)).isFalse();
  }

  @Test
  void cancelOfAppendingWriterDiscardsWhatEarlierWritersLeft() throws IOException {
    String p = path("/upload/data");
    try (StorageWriter w = driver.writer(p, false)) {
      w.write(bytes("earlier"));
    }
    try (StorageWriter w = driver.writer(p, true)) {
      w.write(bytes("later"));
      w.cancel();
    }
    assertThat(exists(p)).isFalse();
  }

  @Test
  void cancelOfReplacingWriterKeepsCommittedContent() throws IOException {
    String p = path("/kept");
    driver.putContent(p, bytes("committed"));
    try (StorageWriter w = driver.writer(p, false)) {
      w.write(bytes("replacement"));
      w.cancel();
    }
    assertThat(driver.getContent(p)).isEqualTo(bytes("committed"));
  }

  @Test
  void closeAfterCommitDoesNothing() throws IOException {
    String p = path("/done");
    StorageWriter w = driver.writer(p, false);
    w.write(bytes("final"));
    w.commit();
    w.close();
    w.close();
    assertThat(driver.getContent(p)).isEqualTo(bytes("final"));
    assertThat(w.size()).isEqualTo(5);
  }

  @Test
  void finishedWritersRefuseBytes() throws IOException {
    StorageWriter committed = driver.writer(path("/a"), false);
    committed.commit();
    StorageWriter cancelled = driver.writer(path("/b"), false);
    cancelled.cancel();
    StorageWriter closed = driver.writer(path("/c"), false);
    closed.close();
    for (StorageWriter w : List.of(committed, cancelled, closed)) {
      assertThatThrownBy(() -> w.write(bytes("late"))).isInstanceOf(IOException.class);
    }
    assertThat(driver.getContent(path("/a"))).isEmpty();
    assertThat(driver.getContent(path("/c"))).isEmpty();
  }

  // ---- move ----

  @Test
  void moveRenamesFile() throws IOException {
    driver.putContent(path("/from"), bytes("moved"));
    driver.move(path("/from"), path("/to"));
    assertThat(exists(path("/from"))).isFalse();
    assertThat(driver.getContent(path("/to"))).isEqualTo(bytes("moved"));
  }

  @Test
  void moveReplacesExistingDestination() throws IOException {
    driver.putContent(path("/from"), bytes("new"));
    driver.putContent(path("/to"), bytes("old and longer"));
    driver.move(path("/from"), path("/to"));
    assertThat(driver.getContent(path("/to"))).isEqualTo(bytes("new"));
    assertThat(exists(path("/from"))).isFalse();
  }

  @Test
  void moveCreatesParentDirectories() throws IOException {
    driver.putContent(path("/uploads/1/data"), bytes("blob"));
    driver.move(path("/uploads/1/data"), path("/blobs/sha256/ab/abcd/data"));
    assertThat(driver.getContent(path("/blobs/sha256/ab/abcd/data"))).isEqualTo(bytes("blob"));
    assertThat(exists(path("/uploads/1/data"))).isFalse();
  }

  @Test
  void moveWithoutSyncMovesLikeMove() throws IOException {
    driver.putContent(path("/uploads/2/data"), bytes("blob"));
    driver.putContent(path("/blobs/sha256/cd/cdef/data"), bytes("older and longer"));
    deferredSync().moveWithoutSync(path("/uploads/2/data"), path("/blobs/sha256/cd/cdef/data"));
    assertThat(driver.getContent(path("/blobs/sha256/cd/cdef/data"))).isEqualTo(bytes("blob"));
    assertThat(exists(path("/uploads/2/data"))).isFalse();
  }

  @Test
  void moveWithoutSyncOfAMissingSourceIsNoSuchFile() {
    DeferredSync deferred = deferredSync();
    assertThatThrownBy(() -> deferred.moveWithoutSync(path("/nothing"), path("/to")))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void syncKeepsWhatWasWrittenAndMovedWithoutSync() throws IOException {
    driver.putContent(path("/uploads/4/data"), bytes("layer"));
    deferredSync().moveWithoutSync(path("/uploads/4/data"), path("/blobs/ef/data"));
    deferredSync().putContentWithoutSync(path("/repo/_layers/ef/link"), bytes("sha256:ef"));
    deferredSync().sync(List.of(path("/repo/_layers/ef/link")), List.of(path("/blobs/ef/data")));
    assertThat(driver.getContent(path("/blobs/ef/data"))).isEqualTo(bytes("layer"));
    assertThat(driver.getContent(path("/repo/_layers/ef/link"))).isEqualTo(bytes("sha256:ef"));
    assertThat(exists(path("/uploads/4/data"))).isFalse();
  }

  @Test
  void syncSkipsPathsDeletedMeanwhile() throws IOException {
    deferredSync().putContentWithoutSync(path("/gone/link"), bytes("x"));
    deferredSync().putContentWithoutSync(path("/kept/link"), bytes("y"));
    driver.delete(path("/gone"));
    deferredSync().sync(List.of(path("/gone/link"), path("/kept/link")), List.of(path("/gone/data")));
    assertThat(driver.getContent(path("/kept/link"))).isEqualTo(bytes("y"));
    assertThat(exists(path("/gone"))).isFalse();
  }

  /** The driver's {@link DeferredSync}; tests of it are skipped for a driver without one. */
  private DeferredSync deferredSync() {
    Assumptions.assumeTrue(driver instanceof DeferredSync,
        driver.name() + " has no DeferredSync: its writes are durable as they return");
    return (DeferredSync) driver;
  }

  // ---- delete ----

  @Test
  void deleteRemovesFile() throws IOException {
    driver.putContent(path("/f"), bytes("x"));
    driver.putContent(path("/g"), bytes("y"));
    driver.delete(path("/f"));
    assertThat(exists(path("/f"))).isFalse();
    assertThat(driver.getContent(path("/g"))).isEqualTo(bytes("y"));
  }

  @Test
  void deleteRemovesDirectoryRecursively() throws IOException {
    List<String> files = List.of(path("/d/x"), path("/d/e/y"), path("/d/e/f/z"));
    for (String f : files) {
      driver.putContent(f, bytes(f));
    }
    driver.delete(path("/d"));
    for (String gone : List.of(path("/d"), path("/d/e"), path("/d/e/f/z"), files.get(0))) {
      assertThat(exists(gone)).as(gone).isFalse();
    }
  }

  @Test
  void deleteNeverRemovesSiblingsSharingThePrefix() throws IOException {
    driver.putContent(path("/a/b/c"), bytes("inside"));
    driver.putContent(path("/a/bc"), bytes("sibling"));
    driver.putContent(path("/a/b.x"), bytes("sibling"));
    driver.putContent(path("/a/bc2/d"), bytes("nested sibling"));
    driver.delete(path("/a/b"));
    assertThat(exists(path("/a/b"))).isFalse();
    assertThat(driver.getContent(path("/a/bc"))).isEqualTo(bytes("sibling"));
    assertThat(driver.getContent(path("/a/b.x"))).isEqualTo(bytes("sibling"));
    assertThat(driver.getContent(path("/a/bc2/d"))).isEqualTo(bytes("nested sibling"));

    driver.putContent(path("/f/b"), bytes("file"));
    driver.putContent(path("/f/bc"), bytes("file sibling"));
    driver.delete(path("/f/b"));
    assertThat(driver.getContent(path("/f/bc"))).isEqualTo(bytes("file sibling"));
  }

  // ---- list and stat ----

  @Test
  void listReturnsDirectChildrenAsFullPaths() throws IOException {
    driver.putContent(path("/l/f1"), bytes("1"));
    driver.putContent(path("/l/f2"), bytes("2"));
    driver.putContent(path("/l/sub/g"), bytes("3"));
    driver.putContent(path("/l/sub/deeper/h"), bytes("4"));
    assertThat(driver.list(path("/l")))
        .containsExactlyInAnyOrder(path("/l/f1"), path("/l/f2"), path("/l/sub"));
    assertThat(driver.list(path("/l/sub")))
        .containsExactlyInAnyOrder(path("/l/sub/g"), path("/l/sub/deeper"));
  }

  @Test
  void listOfRootShowsTopLevelDirectories() throws IOException {
    driver.putContent(path("/x"), bytes("x"));
    assertThat(driver.list("/")).contains(prefix);
  }

  @Test
  void statDescribesFile() throws IOException {
    Instant before = Instant.now();
    driver.putContent(path("/f"), bytes("12345"));
    Instant after = Instant.now();
    FileInfo info = driver.stat(path("/f"));
    assertThat(info.path()).isEqualTo(path("/f"));
    assertThat(info.size()).isEqualTo(5);
    assertThat(info.isDirectory()).isFalse();
    assertThat(info.modified())
        .isBetween(before.minus(CLOCK_SLACK), after.plus(CLOCK_SLACK));
  }

  @Test
  void statDescribesDirectories() throws IOException {
    driver.putContent(path("/dir/sub/f"), bytes("x"));
    for (String dir : List.of(path("/dir"), path("/dir/sub"), "/")) {
      FileInfo info = driver.stat(dir);
      assertThat(info.isDirectory()).as(dir).isTrue();
      assertThat(info.path()).isEqualTo(dir);
    }
  }

  // ---- walk ----

  @Test
  void walkVisitsEverythingParentsFirst() throws IOException {
    makeTree();
    List<FileInfo> seen = new ArrayList<>();
    driver.walk(prefix, e -> {
      seen.add(e);
      return WalkVisitor.Decision.CONTINUE;
    });
    List<String> paths = seen.stream().map(FileInfo::path).collect(java.util.stream.Collectors.toList());
    assertThat(paths).containsExactlyInAnyOrder(
        path("/a"), path("/a/x"), path("/a/b"), path("/a/b/y"), path("/c"), path("/c/z"), path("/d"));
    for (String p : paths) {
      String parent = p.substring(0, p.lastIndexOf('/'));
      if (!parent.equals(prefix)) {
        assertThat(paths.indexOf(parent)).as("%s before %s", parent, p).isLessThan(paths.indexOf(p));
      }
    }
    for (FileInfo e : seen) {
      assertThat(e.isDirectory()).as(e.path()).isEqualTo(!e.path().matches(".*/[xyzd]$"));
    }
    assertThat(seen.stream().filter(e -> e.path().equals(path("/a/b/y"))).findFirst().get().size())
        .isEqualTo(3);
  }

  @Test
  void walkSkipSubtreeLeavesOutChildren() throws IOException {
    makeTree();
    List<String> paths = new ArrayList<>();
    driver.walk(prefix, e -> {
      paths.add(e.path());
      return e.path().equals(path("/a")) ? WalkVisitor.Decision.SKIP_SUBTREE
          : WalkVisitor.Decision.CONTINUE;
    });
    assertThat(paths).containsExactlyInAnyOrder(path("/a"), path("/c"), path("/c/z"), path("/d"));
  }

  @Test
  void walkStopEndsTheWalk() throws IOException {
    makeTree();
    List<String> paths = new ArrayList<>();
    driver.walk(prefix, e -> {
      paths.add(e.path());
      return WalkVisitor.Decision.STOP;
    });
    assertThat(paths).hasSize(1);
  }

  @Test
  void walkOfRootReachesTopLevelDirectories() throws IOException {
    driver.putContent(path("/x"), bytes("x"));
    List<String> paths = new ArrayList<>();
    driver.walk("/", e -> {
      paths.add(e.path());
      return WalkVisitor.Decision.SKIP_SUBTREE;
    });
    assertThat(paths).contains(prefix).doesNotContain(path("/x"));
  }

  private void makeTree() throws IOException {
    driver.putContent(path("/a/x"), bytes("x"));
    driver.putContent(path("/a/b/y"), bytes("yyy"));
    driver.putContent(path("/c/z"), bytes("z"));
    driver.putContent(path("/d"), bytes("d"));
  }

  // ---- paths ----

  @Test
  void invalidPathsAreRefusedBeforeReachingTheDriver() throws IOException {
    List<String> invalid = Arrays.asList(null, "", "a", "a/b", "/a/../b", "/a/./b", "/..", "/.",
        "/a//b", "/a/b/", "//", "/a b", "/ä", "/a\nb", "/a:b", "/a*", "\\a", "/a\\b");
    for (String bad : invalid) {
      for (Map.Entry<String, PathCall> call : everyCall().entrySet()) {
        assertThat(catchThrowable(() -> call.getValue().run(bad)))
            .as("%s(%s)", call.getKey(), bad).isInstanceOf(IllegalArgumentException.class);
      }
    }
    assertThat(catchThrowable(() -> driver.move(path("/ok"), "/a/../b")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rootIsRefusedWhereAFileIsMeant() throws IOException {
    Map<String, PathCall> calls = everyCall();
    for (String fileOnly : List.of("getContent", "putContent", "reader", "writer", "move", "delete")) {
      assertThat(catchThrowable(() -> calls.get(fileOnly).run("/")))
          .as(fileOnly).isInstanceOf(IllegalArgumentException.class);
    }
    driver.list("/");
    driver.stat("/");
    driver.walk("/", e -> WalkVisitor.Decision.SKIP_SUBTREE);
  }

  @Test
  void validPathCharactersWork() throws IOException {
    for (String p : List.of(path("/a/b-c_d.e/F9"), path("/x/..y/.../z_"), path("/0/-/_/9"))) {
      driver.putContent(p, bytes(p));
      assertThat(driver.getContent(p)).isEqualTo(bytes(p));
      assertThat(driver.list(p.substring(0, p.lastIndexOf('/')))).contains(p);
    }
  }

  private Map<String, PathCall> everyCall() {
    Map<String, PathCall> calls = new LinkedHashMap<>();
    calls.put("getContent", p -> driver.getContent(p));
    calls.put("putContent", p -> driver.putContent(p, bytes("x")));
    calls.put("reader", p -> driver.reader(p, 0).close());
    calls.put("writer", p -> driver.writer(p, false).cancel());
    calls.put("stat", p -> driver.stat(p));
    calls.put("list", p -> driver.list(p));
    calls.put("move", p -> driver.move(p, path("/target")));
    calls.put("moveTo", p -> driver.move(path("/source"), p));
    calls.put("delete", p -> driver.delete(p));
    calls.put("walk", p -> driver.walk(p, e -> WalkVisitor.Decision.CONTINUE));
    calls.put("redirectUrl", p -> driver.redirectUrl("GET", p));
    return calls;
  }

  // ---- concurrency and size ----

  @Test
  @Timeout(300)
  void concurrentWritersToDistinctPathsLandIntact() throws Exception {
    int writers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        int n = i;
        results.add(pool.submit(() -> {
          byte[] content = new DeterministicBytes(100 + n).next(256 * 1024 + n * 1001);
          String p = path("/concurrent/" + n + "/data");
          start.await();
          int half = content.length / 2;
          try (StorageWriter w = driver.writer(p, false)) {
            writeInPieces(w, content, 0, half, n);
          }
          try (StorageWriter w = driver.writer(p, true)) {
            writeInPieces(w, content, half, content.length, n);
            w.commit();
          }
          driver.putContent(path("/concurrent/" + n + "/link"), bytes("link " + n));
          return content;
        }));
      }
      start.countDown();
      for (int i = 0; i < writers; i++) {
        byte[] expected = results.get(i).get(120, TimeUnit.SECONDS);
        assertThat(driver.getContent(path("/concurrent/" + i + "/data"))).isEqualTo(expected);
        assertThat(driver.getContent(path("/concurrent/" + i + "/link"))).isEqualTo(bytes("link " + i));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void writeInPieces(StorageWriter w, byte[] b, int from, int to, int seed)
      throws IOException {
    int piece = 1 + seed * 37;
    for (int at = from; at < to; ) {
      int n = Math.min(piece, to - at);
      w.write(b, at, n);
      at += n;
      piece = piece * 3 % 20_011 + 1; // uneven sizes cross every internal boundary
    }
  }

  @Test
  @Timeout(600)
  void largeStreamedFileReadsBackWithTheSameDigest() throws IOException {
    long size = largeFileSize();
    String p = path("/large/data");
    MessageDigest written = sha256();
    DeterministicBytes source = new DeterministicBytes(42);
    // Written as an upload would be: part, close, then continue and commit.
    long firstPart = size / 2 + 12_345;
    try (StorageWriter w = driver.writer(p, false)) {
      streamTo(w, source, firstPart, written);
    }
    try (StorageWriter w = driver.writer(p, true)) {
      assertThat(w.size()).isEqualTo(firstPart);
      streamTo(w, source, size - firstPart, written);
      assertThat(w.size()).isEqualTo(size);
      w.commit();
    }
    assertThat(driver.stat(p).size()).isEqualTo(size);

    MessageDigest read = sha256();
    long total = 0;
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = driver.reader(p, 0)) {
      for (int n; (n = in.read(buffer)) != -1; ) {
        read.update(buffer, 0, n);
        total += n;
      }
    }
    assertThat(total).isEqualTo(size);
    assertThat(read.digest()).isEqualTo(written.digest());
  }

  /** Writes {@code count} generated bytes in uneven pieces, small and larger than any buffer. */
  private static void streamTo(StorageWriter w, DeterministicBytes source, long count,
      MessageDigest digest) throws IOException {
    int[] pieces = {64 * 1024, 1, 256 * 1024 + 3, 4093, 1024 * 1024};
    byte[] buffer = new byte[1024 * 1024];
    long left = count;
    for (int i = 0; left > 0; i++) {
      int n = (int) Math.min(pieces[i % pieces.length], left);
      source.fill(buffer, n);
      digest.update(buffer, 0, n);
      w.write(buffer, 0, n);
      left -= n;
    }
  }

  // ---- helpers ----

  /** Whether anything exists at {@code path}. */
  protected final boolean exists(String path) throws IOException {
    try {
      driver.stat(path);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private byte[] readAll(String path, long offset) throws IOException {
    try (InputStream in = driver.reader(path, offset)) {
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A driver call on one path. */
  @FunctionalInterface
  private interface PathCall {
    void run(String path) throws Exception;
  }
}
