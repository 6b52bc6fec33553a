package registry.core.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoragePathTest {

  @Test
  void acceptsDistributionGrammar() {
    for (String p : new String[] {"/a", "/a/b-c_d.e/F9", "/docker/registry/v2/blobs/sha256/ab/abcd/data",
        "/...", "/.hidden", "/_uploads"}) {
      assertThat(StoragePath.requireValid(p)).isEqualTo(p);
      assertThat(StoragePath.isValid(p)).as(p).isTrue();
    }
  }

  @Test
  void rootIsValidOnlyWhereAllowed() {
    assertThat(StoragePath.requireValidOrRoot("/")).isEqualTo("/");
    assertThat(StoragePath.isValid("/")).isFalse();
    assertThatThrownBy(() -> StoragePath.requireValid("/")).hasMessageContaining("root");
  }

  @Test
  void messagesSayWhatIsWrong() {
    assertRefused(null, "is null");
    assertRefused("", "is empty");
    assertRefused("a/b", "must start with '/'");
    assertRefused("/a/b/", "must not end with '/'");
    assertRefused("/a//b", "empty component");
    assertRefused("/a/../b", "'..' components");
    assertRefused("/a/.", "'.' and '..'");
    assertRefused("/a b", "character ' ' at index 2");
    assertRefused("/ä", "character 'ä' at index 1");
    assertRefused("/a\nb", "character '\\u000a' at index 2");
  }

  private static void assertRefused(String path, String message) {
    assertThatThrownBy(() -> StoragePath.requireValidOrRoot(path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid storage path ")
        .hasMessageContaining(message);
  }

  @Test
  void splitsAndJoinsPaths() {
    assertThat(StoragePath.parent("/a")).isEqualTo("/");
    assertThat(StoragePath.parent("/a/b/c")).isEqualTo("/a/b");
    assertThat(StoragePath.name("/a/b/c")).isEqualTo("c");
    assertThat(StoragePath.child("/", "a")).isEqualTo("/a");
    assertThat(StoragePath.child("/a", "b")).isEqualTo("/a/b");
    assertThat(StoragePath.components("/")).isEmpty();
    assertThat(StoragePath.components("/a/b")).containsExactly("a", "b");
  }
}
