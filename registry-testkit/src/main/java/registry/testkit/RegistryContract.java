package registry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import registry.core.BlobInfo;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.DigestAlgorithm;
import registry.core.ErrorCode;
import registry.core.Manifest;
import registry.core.MediaTypes;
import registry.core.Page;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.RegistryException;
import registry.core.Repository;
import registry.core.RepositoryName;
import registry.core.Tag;
import registry.core.UploadStatus;
import registry.core.spi.StorageDriver;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;
import registry.testkit.TestImages;

/**
 * The behaviour of the in-process {@link Registry} API, run over every storage driver: each
 * driver's test is a subclass that supplies a fresh, empty driver.
 */
public abstract class RegistryContract {

  private final Random random = new Random(42);
  /** The driver under test, from {@link #newDriver()}. */
  protected StorageDriver driver;
  /** A registry over {@link #driver}, with deletes enabled. */
  protected Registry registry;
  /** A repository of {@link #registry} that each test starts with. */
  protected Repository repo;

  /** A fresh, empty driver for one test. */
  protected abstract StorageDriver newDriver() throws Exception;

  @BeforeEach
  void setUpRegistry() throws Exception {
    driver = newDriver();
    registry = Registry.builder().storage(driver).deleteEnabled(true).build();
    repo = registry.repository("team/app");
  }

  @AfterEach
  void closeRegistry() throws Exception {
    registry.close();
  }

  // ---- blobs and uploads

  @Test
  void blobPushedWholeCanBeStatedAndReadAtAnOffset() throws Exception {
    Blob blob = Blob.random(random, 100_000);
    BlobInfo info = repo.blobs().put(new ByteArrayInputStream(blob.bytes()), blob.digest());
    assertThat(info).isEqualTo(new BlobInfo(blob.digest(), 100_000));
    assertThat(repo.blobs().stat(blob.digest())).contains(info);
    try (InputStream in = repo.blobs().open(blob.digest(), 99_990)) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOfRange(blob.bytes(), 99_990, 100_000));
    }
    assertThat(registry.repository("team/other").blobs().stat(blob.digest())).isEmpty();
  }

  @Test
  void blobWithWrongDigestIsRefusedAndLeavesNothing() throws Exception {
    Blob blob = Blob.random(random, 1000);
    Digest wrong = Digest.sha256(new byte[] {1});
    assertCode(() -> repo.blobs().put(new ByteArrayInputStream(blob.bytes()), wrong), ErrorCode.DIGEST_INVALID);
    assertThat(repo.blobs().stat(wrong)).isEmpty();
    assertThat(repo.blobs().stat(blob.digest())).isEmpty();
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void chunkedUploadAssemblesTheBlob() throws Exception {
    Blob blob = Blob.random(random, 3000);
    UploadStatus s = repo.uploads().start();
    assertThat(s.offset()).isZero();
    s = repo.uploads().append(s.id(), 0, slice(blob, 0, 1000));
    assertThat(s.offset()).isEqualTo(1000);
    s = repo.uploads().append(s.id(), -1, slice(blob, 1000, 2000));
    assertThat(repo.uploads().status(s.id()).offset()).isEqualTo(2000);
    BlobInfo info = repo.uploads().finish(s.id(), blob.digest(), slice(blob, 2000, 3000));
    assertThat(info.size()).isEqualTo(3000);
    assertThat(read(blob.digest())).isEqualTo(blob.bytes());
    String id = s.id();
    assertCode(() -> repo.uploads().status(id), ErrorCode.BLOB_UPLOAD_UNKNOWN);
  }

  @Test
  void chunkAtTheWrongOffsetIsRefusedAndChangesNothing() throws Exception {
    Blob blob = Blob.random(random, 2000);
    UploadStatus s = repo.uploads().start();
    repo.uploads().append(s.id(), 0, slice(blob, 0, 1000));
    assertCode(() -> repo.uploads().append(s.id(), 500, slice(blob, 500, 2000)), ErrorCode.BLOB_UPLOAD_RANGE_INVALID);
    assertCode(() -> repo.uploads().append(s.id(), 0, slice(blob, 0, 2000)), ErrorCode.BLOB_UPLOAD_RANGE_INVALID);
    assertThat(repo.uploads().status(s.id()).offset()).isEqualTo(1000);
    repo.uploads().append(s.id(), 1000, slice(blob, 1000, 2000));
    assertThat(repo.uploads().finish(s.id(), blob.digest(), null).size()).isEqualTo(2000);
  }

  @Test
  void lastChunkAtTheWrongOffsetIsRefusedAndChangesNothing() throws Exception {
    Blob blob = Blob.random(random, 2000);
    UploadStatus s = repo.uploads().start();
    repo.uploads().append(s.id(), 0, slice(blob, 0, 1000));
    assertCode(() -> repo.uploads().finish(s.id(), 500, blob.digest(), slice(blob, 500, 2000)),
        ErrorCode.BLOB_UPLOAD_RANGE_INVALID);
    assertThat(repo.uploads().status(s.id()).offset()).isEqualTo(1000);
    assertThat(repo.blobs().stat(blob.digest())).isEmpty();
    assertThat(repo.uploads().finish(s.id(), 1000, blob.digest(), slice(blob, 1000, 2000)).size()).isEqualTo(2000);
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void digestMismatchOnFinishKeepsTheUploadUncommitted() throws Exception {
    Blob blob = Blob.random(random, 500);
    UploadStatus s = repo.uploads().start();
    repo.uploads().append(s.id(), 0, slice(blob, 0, 500));
    Digest wrong = Digest.sha256(new byte[] {9});
    assertCode(() -> repo.uploads().finish(s.id(), wrong, null), ErrorCode.DIGEST_INVALID);
    assertThat(repo.blobs().stat(wrong)).isEmpty();
    assertThat(repo.blobs().stat(blob.digest())).isEmpty();
    assertThat(repo.uploads().status(s.id()).offset()).isEqualTo(500);
    assertThat(repo.uploads().finish(s.id(), blob.digest(), null).size()).isEqualTo(500);
  }

  @Test
  void sha512DigestsAreVerifiedToo() throws Exception {
    Blob blob = Blob.random(random, 700);
    Digest sha512 = Digest.compute(DigestAlgorithm.SHA512, blob.bytes());
    UploadStatus s = repo.uploads().start();
    repo.uploads().append(s.id(), 0, slice(blob, 0, 700));
    assertThat(repo.uploads().finish(s.id(), sha512, null).digest()).isEqualTo(sha512);
    assertThat(repo.blobs().stat(sha512)).isPresent();
  }

  @Test
  void sha512UploadsFinishWithALastChunkWhetherAnnouncedOrNot() throws Exception {
    Blob blob = Blob.random(random, 700);
    Digest sha512 = Digest.compute(DigestAlgorithm.SHA512, blob.bytes());
    for (UploadStatus s : List.of(repo.uploads().start(DigestAlgorithm.SHA512), repo.uploads().start())) {
      repo.uploads().append(s.id(), 0, slice(blob, 0, 300));
      Digest wrong = Digest.compute(DigestAlgorithm.SHA512, new byte[0]);
      assertCode(() -> repo.uploads().finish(s.id(), 300, wrong, slice(blob, 300, 400)), ErrorCode.DIGEST_INVALID);
      assertThat(repo.uploads().status(s.id()).offset()).isEqualTo(400);
      assertThat(repo.uploads().finish(s.id(), 400, sha512, slice(blob, 400, 700)).digest()).isEqualTo(sha512);
    }
    assertThat(repo.blobs().stat(sha512)).isPresent();
  }

  @Test
  void unknownAndMalformedUploadIdsAreUnknown() throws Exception {
    for (String id : List.of("00000000-0000-0000-0000-000000000000", "../../../etc", "x", "")) {
      assertCode(() -> repo.uploads().status(id), ErrorCode.BLOB_UPLOAD_UNKNOWN);
      assertCode(() -> repo.uploads().append(id, 0, new ByteArrayInputStream(new byte[1])), ErrorCode.BLOB_UPLOAD_UNKNOWN);
      assertCode(() -> repo.uploads().finish(id, Digest.sha256(new byte[0]), null), ErrorCode.BLOB_UPLOAD_UNKNOWN);
      assertCode(() -> repo.uploads().cancel(id), ErrorCode.BLOB_UPLOAD_UNKNOWN);
    }
  }

  @Test
  void cancelledUploadIsGone() throws Exception {
    UploadStatus s = repo.uploads().start();
    repo.uploads().append(s.id(), 0, new ByteArrayInputStream(new byte[10]));
    repo.uploads().cancel(s.id());
    assertCode(() -> repo.uploads().status(s.id()), ErrorCode.BLOB_UPLOAD_UNKNOWN);
    assertThat(uploadDirs()).isEmpty();
  }

  @Test
  void anotherInstanceContinuesAnUpload() throws Exception {
    Blob blob = Blob.random(random, 4000);
    UploadStatus s = repo.uploads().start();
    repo.uploads().append(s.id(), 0, slice(blob, 0, 1500));
    Repository second = Registry.builder().storage(driver).build().repository("team/app");
    second.uploads().append(s.id(), 1500, slice(blob, 1500, 3000));
    // back on the first instance, whose cached hash is now stale
    assertThat(repo.uploads().finish(s.id(), blob.digest(), slice(blob, 3000, 4000)).size()).isEqualTo(4000);
    assertThat(second.blobs().stat(blob.digest())).isPresent();
  }

  @Test
  void mountLinksABlobFromAnotherRepository() throws Exception {
    Blob blob = Blob.random(random, 100);
    Repository other = registry.repository("other/base");
    other.blobs().put(new ByteArrayInputStream(blob.bytes()), blob.digest());
    assertThat(repo.blobs().mount(blob.digest(), Optional.of(RepositoryName.of("nowhere/x")))).isEmpty();
    assertThat(repo.blobs().stat(blob.digest())).isEmpty();
    assertThat(repo.blobs().mount(blob.digest(), Optional.of(other.name()))).isPresent();
    assertThat(read(blob.digest())).isEqualTo(blob.bytes());
    assertThat(registry.repository("third/x").blobs().mount(blob.digest(), Optional.empty())).isPresent();
    assertThat(registry.repository("third/x").blobs().mount(Digest.sha256(new byte[] {3}), Optional.empty())).isEmpty();
  }

  @Test
  void deletedBlobIsUnknownToTheRepository() throws Exception {
    Blob blob = Blob.random(random, 100);
    repo.blobs().put(new ByteArrayInputStream(blob.bytes()), blob.digest());
    repo.blobs().delete(blob.digest());
    assertThat(repo.blobs().stat(blob.digest())).isEmpty();
    assertCode(() -> repo.blobs().open(blob.digest(), 0), ErrorCode.BLOB_UNKNOWN);
    assertCode(() -> repo.blobs().delete(blob.digest()), ErrorCode.BLOB_UNKNOWN);
  }

  // ---- manifests and tags

  @Test
  void manifestByTagAndDigestReturnsTheExactBytes() throws Exception {
    Image image = TestImages.ociImage(random, 2, 100);
    Manifest put = image.pushTo(repo, "1.0");
    assertThat(put.digest()).isEqualTo(image.digest());
    Manifest byTag = repo.manifests().get(Reference.parse("1.0")).orElseThrow();
    Manifest byDigest = repo.manifests().get(Reference.of(image.digest())).orElseThrow();
    assertThat(byTag.bytes()).isEqualTo(image.manifest());
    assertThat(byDigest.bytes()).isEqualTo(image.manifest());
    assertThat(byTag.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    assertThat(repo.tags().resolve(Tag.of("1.0"))).contains(image.digest());
    // a fresh instance reads it from storage, not from a cache
    Manifest fresh = Registry.builder().storage(driver).build().repository("team/app")
        .manifests().get(Reference.parse("1.0")).orElseThrow();
    assertThat(fresh.bytes()).isEqualTo(image.manifest());
  }

  @Test
  void manifestReferencingAMissingBlobIsRefusedAndNoTagAppears() throws Exception {
    Image image = TestImages.ociImage(random, 2, 100);
    repo.blobs().put(new ByteArrayInputStream(image.config().bytes()), image.config().digest());
    repo.blobs().put(new ByteArrayInputStream(image.layers().get(0).bytes()), image.layers().get(0).digest());
    assertCode(() -> repo.manifests().put(Reference.parse("1.0"), image.manifest(), image.mediaType()),
        ErrorCode.MANIFEST_BLOB_UNKNOWN);
    assertThat(repo.manifests().get(Reference.parse("1.0"))).isEmpty();
    assertThat(repo.manifests().get(Reference.of(image.digest()))).isEmpty();
  }

  @Test
  void blobInAnotherRepositoryDoesNotCount() throws Exception {
    Image image = TestImages.ociImage(random, 1, 100);
    image.pushTo(registry.repository("other/one"), "x");
    assertCode(() -> repo.manifests().put(Reference.parse("1.0"), image.manifest(), image.mediaType()),
        ErrorCode.MANIFEST_BLOB_UNKNOWN);
  }

  @Test
  void malformedOversizedAndMismatchedManifestsAreRefused() throws Exception {
    assertCode(() -> repo.manifests().put(Reference.parse("a"), "{nope".getBytes(StandardCharsets.UTF_8), null),
        ErrorCode.MANIFEST_INVALID);
    byte[] huge = new byte[Registry.DEFAULT_MAX_MANIFEST_BYTES + 1];
    assertCode(() -> repo.manifests().put(Reference.parse("a"), huge, MediaTypes.OCI_MANIFEST), ErrorCode.MANIFEST_TOO_LARGE);
    Image image = TestImages.ociImage(random, 1, 10);
    image.pushTo(repo, "ok");
    Digest other = Digest.sha256(new byte[] {5});
    assertCode(() -> repo.manifests().put(Reference.of(other), image.manifest(), image.mediaType()), ErrorCode.DIGEST_INVALID);
    assertCode(() -> repo.manifests().put(Reference.parse("b"), image.manifest(), MediaTypes.DOCKER_MANIFEST),
        ErrorCode.MANIFEST_INVALID);
    assertThat(repo.tags().list(-1, Optional.empty()).items()).containsExactly("ok");
  }

  @Test
  void manifestWithWrongBlobSizeIsRefused() throws Exception {
    Blob config = Blob.of("{}".getBytes(StandardCharsets.UTF_8));
    repo.blobs().put(new ByteArrayInputStream(config.bytes()), config.digest());
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + config.digest() + "\",\"size\":3},\"layers\":[]}";
    assertCode(() -> repo.manifests().put(Reference.parse("x"), json.getBytes(StandardCharsets.UTF_8), null),
        ErrorCode.MANIFEST_INVALID);
  }

  @Test
  void indexNeedsItsChildrenFirst() throws Exception {
    Image amd = TestImages.ociImage(random, 1, 10);
    Image arm = TestImages.dockerImage(random, 1, 10);
    byte[] index = TestImages.index(List.of(amd, arm));
    amd.pushTo(repo, amd.digest().toString());
    assertCode(() -> repo.manifests().put(Reference.parse("multi"), index, MediaTypes.OCI_INDEX),
        ErrorCode.MANIFEST_BLOB_UNKNOWN);
    arm.pushTo(repo, arm.digest().toString());
    Manifest m = repo.manifests().put(Reference.parse("multi"), index, MediaTypes.OCI_INDEX);
    assertThat(m.isIndex()).isTrue();
    assertThat(repo.tags().list(-1, Optional.empty()).items()).containsExactly("multi");
  }

  @Test
  void deleteByDigestRemovesItsTagsAndByTagOnlyTheTag() throws Exception {
    Image image = TestImages.ociImage(random, 1, 10);
    image.pushTo(repo, "a");
    repo.manifests().put(Reference.parse("b"), image.manifest(), image.mediaType());
    Image other = TestImages.ociImage(random, 1, 10);
    other.pushTo(repo, "c");

    repo.manifests().delete(Reference.parse("a"));
    assertThat(repo.manifests().get(Reference.parse("a"))).isEmpty();
    assertThat(repo.manifests().get(Reference.of(image.digest()))).isPresent();
    assertCode(() -> repo.manifests().delete(Reference.parse("a")), ErrorCode.MANIFEST_UNKNOWN);

    repo.manifests().delete(Reference.of(image.digest()));
    assertThat(repo.manifests().get(Reference.of(image.digest()))).isEmpty();
    assertThat(repo.manifests().get(Reference.parse("b"))).isEmpty();
    assertThat(repo.tags().list(-1, Optional.empty()).items()).containsExactly("c");
    assertCode(() -> repo.manifests().delete(Reference.of(image.digest())), ErrorCode.MANIFEST_UNKNOWN);
  }

  @Test
  void deletesAreRefusedWhenDisabledAndWritesWhenReadOnly() throws Exception {
    Image image = TestImages.ociImage(random, 1, 10);
    image.pushTo(repo, "a");
    Repository noDelete = registry.toBuilder().deleteEnabled(false).build().repository("team/app");
    assertCode(() -> noDelete.manifests().delete(Reference.parse("a")), ErrorCode.UNSUPPORTED);
    assertCode(() -> noDelete.blobs().delete(image.config().digest()), ErrorCode.UNSUPPORTED);
    Repository readOnly = registry.toBuilder().readOnly(true).build().repository("team/app");
    assertCode(() -> readOnly.uploads().start(), ErrorCode.UNSUPPORTED);
    assertCode(() -> readOnly.manifests().put(Reference.parse("b"), image.manifest(), null), ErrorCode.UNSUPPORTED);
    assertThat(readOnly.manifests().get(Reference.parse("a"))).isPresent();
    assertThat(repo.manifests().get(Reference.parse("a"))).isPresent();
  }

  @Test
  void unknownManifestIsEmpty() throws Exception {
    assertThat(repo.manifests().get(Reference.parse("nope"))).isEmpty();
    assertThat(repo.manifests().get(Reference.of(Digest.sha256(new byte[0])))).isEmpty();
  }

  @Test
  void tagsArePaginatedInLexicalOrder() throws Exception {
    Image image = TestImages.ociImage(random, 1, 10);
    image.pushTo(repo, "b");
    for (String t : List.of("a", "c", "B", "10", "9")) {
      repo.manifests().put(Reference.parse(t), image.manifest(), null);
    }
    assertThat(repo.tags().list(-1, Optional.empty()).items()).containsExactly("10", "9", "B", "a", "b", "c");
    Page<String> first = repo.tags().list(2, Optional.empty());
    assertThat(first.items()).containsExactly("10", "9");
    assertThat(first.next()).contains("9");
    Page<String> second = repo.tags().list(3, first.next());
    assertThat(second.items()).containsExactly("B", "a", "b");
    assertThat(second.hasMore()).isTrue();
    Page<String> last = repo.tags().list(3, Optional.of("b"));
    assertThat(last.items()).containsExactly("c");
    assertThat(last.hasMore()).isFalse();
    assertThat(repo.tags().list(0, Optional.empty()).items()).isEmpty();
    assertThat(repo.tags().list(5, Optional.of("zzz")).items()).isEmpty();
    assertCode(() -> registry.repository("never/pushed").tags().list(-1, Optional.empty()), ErrorCode.NAME_UNKNOWN);
  }

  @Test
  void aTagDirectoryWithoutItsCurrentLinkIsNoTag() throws Exception {
    Image image = TestImages.ociImage(random, 1, 10);
    image.pushTo(repo, "real");
    // what a crash during a first tag put can leave behind
    driver.putContent("/docker/registry/v2/repositories/team/app/_manifests/tags/ghost/current/.tmp-x", new byte[0]);
    assertThat(repo.tags().list(-1, Optional.empty()).items()).containsExactly("real");
    assertThat(repo.manifests().get(Reference.parse("ghost"))).isEmpty();
  }

  @Test
  void catalogListsRepositoriesSortedWithPrefixesKept() throws Exception {
    Image image = TestImages.ociImage(random, 1, 10);
    List<String> names = List.of("a", "a-b", "a/b", "a/b/c", "ab", "z.z/y");
    for (String n : names) {
      image.pushTo(registry.repository(n), "t");
    }
    registry.repository("only/blobs").blobs().put(new ByteArrayInputStream(new byte[] {1}), Digest.sha256(new byte[] {1}));
    List<String> sorted = new ArrayList<>(names);
    java.util.Collections.sort(sorted);
    assertThat(registry.catalog(-1, Optional.empty()).items()).isEqualTo(sorted);
    Page<String> page = registry.catalog(2, Optional.of("a"));
    assertThat(page.items()).isEqualTo(sorted.subList(1, 3));
    assertThat(page.hasMore()).isTrue();
  }

  @Test
  void referrersAreListedEvenWhenPushedBeforeTheirSubject() throws Exception {
    Image subject = TestImages.ociImage(random, 1, 10);
    Image sbom = TestImages.artifact(random, "application/vnd.example.sbom", subject.digest(), subject.manifest().length);
    Image sig = TestImages.artifact(random, "application/vnd.example.sig", subject.digest(), subject.manifest().length);
    sbom.pushTo(repo, sbom.digest().toString());
    sig.pushTo(repo, sig.digest().toString());
    subject.pushTo(repo, "1.0");
    List<Descriptor> all = repo.manifests().referrers(subject.digest(), Optional.empty());
    assertThat(all).extracting(Descriptor::digest).containsExactlyInAnyOrder(sbom.digest(), sig.digest());
    assertThat(all).allSatisfy(d -> assertThat(d.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST));
    assertThat(repo.manifests().referrers(subject.digest(), Optional.of("application/vnd.example.sig")))
        .extracting(Descriptor::digest).containsExactly(sig.digest());
    repo.manifests().delete(Reference.of(sig.digest()));
    assertThat(repo.manifests().referrers(subject.digest(), Optional.empty()))
        .extracting(Descriptor::digest).containsExactly(sbom.digest());
    assertThat(repo.manifests().referrers(Digest.sha256(new byte[0]), Optional.empty())).isEmpty();
  }

  @Test
  void invalidRepositoryNameIsNameInvalid() {
    assertCode(() -> registry.repository("UPPER/case"), ErrorCode.NAME_INVALID);
    assertCode(() -> registry.repository("a/../b"), ErrorCode.NAME_INVALID);
  }

  // ---- helpers

  /** Asserts that {@code call} fails with a {@link RegistryException} carrying {@code code}. */
  protected static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static InputStream slice(Blob blob, int from, int to) {
    return new ByteArrayInputStream(blob.bytes(), from, to - from);
  }

  private byte[] read(Digest digest) throws IOException {
    try (InputStream in = repo.blobs().open(digest, 0)) {
      return in.readAllBytes();
    }
  }

  private List<String> uploadDirs() throws IOException {
    try {
      return driver.list("/docker/registry/v2/repositories/team/app/_uploads");
    } catch (java.nio.file.NoSuchFileException e) {
      return List.of();
    }
  }
}
