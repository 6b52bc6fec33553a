package examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.layout.OciLayout;
import registry.core.layout.Progress;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.TestImages;
import registry.http.jdk.RegistryServer;

/** Runs {@link ServeLayoutInCi} on a layout tar, as a build would have written it. */
class ServeLayoutInCiTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesTheImportedImageReadOnly(@TempDir Path work) throws Exception {
    // What an earlier build step left behind: an OCI layout tar of the app image.
    Registry build = Registry.builder().storage(new InMemoryStorageDriver()).build();
    TestImages.Image image = TestImages.ociImage(new Random(1), 2, 4096);
    image.pushTo(build.repository("app"), "latest");
    Path tar = work.resolve("app.tar");
    OciLayout.export(build.repository("app"), Reference.parse("latest"), tar, Progress.NONE);

    try (RegistryServer server = ServeLayoutInCi.serve(tar, "team/app:1",
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      HttpResponse<Void> pull = http.send(HttpRequest.newBuilder(url(server, "/v2/team/app/manifests/1"))
          .header("Accept", MediaTypes.OCI_MANIFEST).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.discarding());
      assertThat(pull.statusCode()).isEqualTo(200);
      assertThat(pull.headers().firstValue("Docker-Content-Digest")).hasValue(image.digest().toString());

      HttpResponse<String> push = http.send(HttpRequest.newBuilder(url(server, "/v2/team/app/blobs/uploads/"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(push.statusCode()).isEqualTo(405);  // read-only: what the build made stays as it was
    }
  }

  private static URI url(RegistryServer server, String path) {
    return server.uri().resolve(path);
  }
}
