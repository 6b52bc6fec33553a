package registry.http.jdk.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Reference;
import registry.core.auth.AccessDecision;
import registry.core.auth.Caller;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.RegistryServer;
import registry.http.jdk.TestLayouts;

/**
 * The classic deployment: nginx in front doing TLS and {@code auth_basic}, proxying to the
 * plain-HTTP registry with the README's settings. skopeo pushes and pulls a multi-platform
 * layout through it, a client uploads in chunks sent with chunked transfer encoding, and every
 * request the registry sees came through nginx, so every {@code Location} it handed out
 * pointed back through nginx.
 */
class NginxProxyIT {

  @TempDir
  Path tmp;

  @Test
  void skopeoAndChunkedUploadsGoThroughNginx() throws Exception {
    Path htpasswd = tmp.resolve("htpasswd");
    Command.htpasswd(tmp).run("-B", "-b", "-c", htpasswd.toString(), "ci", "ci-pw").ok();
    TestPki pki = TestPki.create(tmp.resolve("pki"), "nginx", "EC");
    List<String> forwarded = new CopyOnWriteArrayList<>();
    try (RegistryServer backend = RegistryServer.builder().storage(new InMemoryStorageDriver())
            // Not access control (nginx does that): a witness of how each request arrived.
            .authorizer(request -> {
              forwarded.add(request.request().header("X-Forwarded-Proto").orElse("direct") + " "
                  + request.request());
              return AccessDecision.allow(Caller.unrestricted());
            })
            .build().start();
        Nginx nginx = Nginx.start(tmp.resolve("nginx"), backend.port(), pki, htpasswd)) {
      String origin = "https://127.0.0.1:" + nginx.port();
      Client client = new Client(java.net.URI.create(origin), pki.clientContext());
      assertThat(client.get("/v2/", null).status()).as(nginx.log()).isEqualTo(401);
      String auth = Client.basic("ci", "ci-pw");
      assertThat(client.get("/v2/", auth).status()).as(nginx.log()).isEqualTo(200);

      chunkedUpload(client, auth, origin, backend);

      Command skopeo = Command.skopeo(tmp.resolve("skopeo"));
      Path certs = AuthFixture.certDir(tmp.resolve("certs"), pki);
      Path layout = tmp.resolve("layout");
      Digest index = TestLayouts.write(layout, "1.0", new Random(4), 300_000).index();
      String image = "docker://127.0.0.1:" + nginx.port() + "/team/multi:1.0";
      skopeo.run("copy", "--all", "--preserve-digests", "--dest-cert-dir", certs.toString(),
          "--dest-creds", "ci:ci-pw", "oci:" + layout + ":1.0", image).ok();
      assertThat(backend.registry().repository("team/multi").manifests().get(Reference.parse("1.0"))
          .orElseThrow().digest()).isEqualTo(index);
      Path out = tmp.resolve("pulled");
      skopeo.run("copy", "--all", "--preserve-digests", "--src-cert-dir", certs.toString(),
          "--src-creds", "ci:ci-pw", image, "oci:" + out + ":copy").ok();
      assertThat(TestLayouts.digestOf(out, "copy")).isEqualTo(index);
      assertThat(skopeo.run("inspect", "--raw", "--cert-dir", certs.toString(), "--creds", "ci:wrong", image)
          .exitCode()).isNotZero();
    }
    assertThat(forwarded).isNotEmpty().allMatch(line -> line.startsWith("https "), "came through nginx");
  }

  /** Two PATCH chunks with Content-Range, each streamed without a length, then the closing PUT. */
  private static void chunkedUpload(Client client, String auth, String origin, RegistryServer backend) {
    byte[] first = new byte[200_000];
    byte[] second = new byte[123_456];
    new Random(2).nextBytes(first);
    new Random(3).nextBytes(second);
    byte[] all = new byte[first.length + second.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    Digest digest = Digest.sha256(all);

    Client.Reply start = client.send("POST", "/v2/team/chunked/blobs/uploads/", auth, new byte[0]);
    assertThat(start.status()).isEqualTo(202);
    String location = start.header("Location");
    assertThat(location).startsWith(origin + "/v2/team/chunked/blobs/uploads/");
    Client.Reply one = client.streamed("PATCH", location, auth, first, "0-" + (first.length - 1));
    assertThat(one.status()).isEqualTo(202);
    assertThat(one.header("Range")).isEqualTo("0-" + (first.length - 1));
    assertThat(one.header("Location")).startsWith(origin + "/v2/team/chunked/blobs/uploads/");
    Client.Reply two = client.streamed("PATCH", one.header("Location"), auth, second,
        first.length + "-" + (all.length - 1));
    assertThat(two.status()).isEqualTo(202);
    String put = two.header("Location") + (two.header("Location").contains("?") ? "&" : "?") + "digest=" + digest;
    Client.Reply done = client.send("PUT", put, auth, new byte[0]);
    assertThat(done.status()).isEqualTo(201);
    assertThat(done.header("Location")).isEqualTo(origin + "/v2/team/chunked/blobs/" + digest);
    assertThat(backend.registry().repository("team/chunked").blobs()).satisfies(blobs -> {
      try {
        assertThat(blobs.stat(digest)).get().extracting(b -> b.size()).isEqualTo((long) all.length);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
