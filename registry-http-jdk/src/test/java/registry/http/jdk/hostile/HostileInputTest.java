package registry.http.jdk.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Registry;
import registry.http.jdk.RegistryServer;
import registry.storage.fs.FilesystemStorageDriver;

/**
 * Seeded random hostile requests — malformed paths, lying headers, broken manifests, odd
 * digests and queries — against a server on the filesystem driver. Every answer is a 2xx/3xx
 * or a 4xx with the spec's JSON error body (or the JDK server's own 400 for unparseable HTTP),
 * never a 5xx, never a hang, and nothing outside the storage root is touched.
 */
class HostileInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int REQUESTS = 2500;
  private static final List<String> METHODS = List.of("GET", "HEAD", "PUT", "POST", "PATCH", "DELETE", "OPTIONS");
  private static final List<String> SEGMENTS = List.of("v2", "blobs", "uploads", "manifests", "tags", "list", "_catalog",
      "referrers", "..", ".", "%2e%2e", "%2F", "%2f..%2f", "%00", "%ff%fe", "\u00e9", "a", "team", "app", "A", "-", "_",
      "sha256:", "sha256:zz", "sha512:00", "latest", "x".repeat(300), "%", "%zz", "a%20b", ";", "~", "*", "../../etc/passwd");

  @TempDir
  Path tmp;

  private Path root;
  private Path outside;
  private RegistryServer server;
  private Digest knownBlob;

  @BeforeEach
  void start() throws Exception {
    root = Files.createDirectories(tmp.resolve("root"));
    outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("canary"), "untouched");
    Registry registry = Registry.builder().storage(FilesystemStorageDriver.create(root)).deleteEnabled(true).build();
    byte[] blob = "known".getBytes(StandardCharsets.UTF_8);
    knownBlob = Digest.sha256(blob);
    registry.repository("team/app").blobs().put(new java.io.ByteArrayInputStream(blob), knownBlob);
    server = RegistryServer.builder().registry(registry).build().start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void hostileRequestsGetCleanClientErrors() throws Exception {
    Random random = new Random(20261127);
    int clientErrors = 0;
    for (int i = 0; i < REQUESTS; i++) {
      String method = METHODS.get(random.nextInt(METHODS.size()));
      byte[] request = request(random, method);
      RawHttp.Answer answer = RawHttp.send(server.port(), request, method.equals("HEAD"));
      String shown = new String(request, 0, Math.min(request.length, 300), StandardCharsets.ISO_8859_1);
      assertThat(answer.status()).as("request %d: %s", i, shown).isBetween(100, 499);
      if (answer.status() >= 400) {
        clientErrors++;
        if (answer.fromRegistry() && !method.equals("HEAD")) {
          JsonNode error = JSON.readTree(answer.body()).get("errors").get(0);
          assertThat(error.get("code").asText()).as("request %d: %s", i, shown).isNotEmpty();
          assertThat(answer.bodyText()).doesNotContain("Exception").doesNotContain("\tat ");
        }
      }
    }
    assertThat(clientErrors).isGreaterThan(REQUESTS / 2);
    assertThat(Files.readString(outside.resolve("canary"))).isEqualTo("untouched");
    try (Stream<Path> files = Files.walk(tmp)) {
      assertThat(files.filter(p -> !p.startsWith(root)).map(tmp::relativize).map(Path::toString))
          .containsExactlyInAnyOrder("", "outside", "outside/canary");
    }
  }

  private byte[] request(Random random, String method) {
    StringBuilder path = new StringBuilder("/v2");
    int depth = random.nextInt(7);
    for (int i = 0; i < depth; i++) {
      path.append('/').append(random.nextInt(4) == 0 ? knownBlob.toString() : SEGMENTS.get(random.nextInt(SEGMENTS.size())));
    }
    if (random.nextInt(3) == 0) {
      path.append('?').append(query(random));
    }
    byte[] body = body(random, method);
    StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    head.append("Host: 127.0.0.1\r\nConnection: close\r\n");
    int bodyLengthClaim = body.length;
    switch (random.nextInt(8)) {
      case 0 -> bodyLengthClaim = body.length + 1 + random.nextInt(100); // claims more than it sends
      case 1 -> bodyLengthClaim = Math.max(0, body.length - 1 - random.nextInt(10)); // claims less
      default -> { }
    }
    head.append("Content-Length: ").append(bodyLengthClaim).append("\r\n");
    if (random.nextBoolean()) {
      head.append("Content-Range: ").append(pick(random, "0-0", "5-2", "-1-3", "0-99999999999999999999", "bytes=0-10",
          "a-b", "0-", "9223372036854775807-9223372036854775807", "1-1")).append("\r\n");
    }
    if (random.nextBoolean()) {
      head.append("Range: ").append(pick(random, "bytes=0-0", "bytes=999999999999-", "bytes=-999999999999999",
          "bytes=5-1", "bytes=0-1,2-3", "pages=1", "bytes=")).append("\r\n");
    }
    if (random.nextBoolean()) {
      head.append("Content-Type: ").append(pick(random, "application/vnd.oci.image.manifest.v1+json",
          "application/vnd.oci.image.index.v1+json", "text/plain", "", ";;;")).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static String query(Random random) {
    return pick(random, "n=-1", "n=abc", "n=99999999999999999999", "n=0&last=%ff", "last=..%2F..", "digest=sha256:abc",
        "digest=" + "a".repeat(500), "mount=sha256:zz&from=../x", "mount=&from=", "q=%00", "n=1&n=2", "&&&", "=");
  }

  private static byte[] body(Random random, String method) {
    if (method.equals("GET") || method.equals("HEAD") || random.nextInt(4) == 0) {
      return new byte[0];
    }
    String json = switch (random.nextInt(8)) {
      case 0 -> "[".repeat(20_000) + "]".repeat(20_000);
      case 1 -> "{\"schemaVersion\":2,\"manifests\":[" + "{},".repeat(50_000) + "{}]}";
      case 2 -> "{\"schemaVersion\":\"2\",\"config\":[],\"layers\":{}}";
      case 3 -> "{\"schemaVersion\":2,\"schemaVersion\":2,\"manifests\":[]}";
      case 4 -> "\u0000\u00ff\ufffe garbage";
      case 5 -> "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
          + "{\"mediaType\":\"a\",\"digest\":\"sha256:" + "0".repeat(64) + "\",\"size\":1e400},\"layers\":[]}";
      case 6 -> " ".repeat(4 * 1024 * 1024 + 1);
      default -> "{}";
    };
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String pick(Random random, String... options) {
    return options[random.nextInt(options.length)];
  }
}
