package registry.core.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import registry.core.Digest;
import registry.core.RepositoryName;
import registry.core.internal.paths.PathSpec;
import registry.core.internal.paths.StoragePaths;
import registry.core.storage.InMemoryStorageDriver;

class LinksTest {

  private final InMemoryStorageDriver storage = new InMemoryStorageDriver();
  private final Links links = new Links(storage);
  private final Digest digest = Digest.sha256("layer".getBytes(StandardCharsets.UTF_8));
  private final PathSpec link = new PathSpec.LayerLink(RepositoryName.of("a/b"), digest);

  @Test
  void aWrittenLinkReadsBackAndExists() throws IOException {
    links.write(link, digest);
    assertThat(storage.getContent(StoragePaths.pathFor(link))).isEqualTo(digest.toString().getBytes(StandardCharsets.US_ASCII));
    assertThat(links.read(link)).contains(digest);
    assertThat(links.exists(link)).isTrue();
  }

  @Test
  void anEmptyLinkIsNoLink() throws IOException {
    // What a power cut can leave of a link that distribution wrote (it never forces).
    storage.putContent(StoragePaths.pathFor(link), new byte[0]);
    assertThat(links.read(link)).isEmpty();
    assertThat(links.exists(link)).isFalse();
  }

  @Test
  void aLinkWithOtherContentIsCorrupt() throws IOException {
    storage.putContent(StoragePaths.pathFor(link), "not a digest".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> links.read(link)).isInstanceOf(IOException.class).hasMessageContaining("corrupt link");
  }
}
