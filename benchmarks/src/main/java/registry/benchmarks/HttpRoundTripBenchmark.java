package registry.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import registry.core.Digest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.RegistryServer;

/**
 * Round trips over loopback HTTP against an in-memory {@link RegistryServer}: a 16 MiB blob
 * pushed (POST + PUT) and pulled, and a manifest GET by tag, each with one keep-alive client.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class HttpRoundTripBenchmark {

  private static final int BLOB_SIZE = 16 * 1024 * 1024;

  private RegistryServer server;
  private HttpClient client;
  private byte[] blob;
  private Digest blobDigest;
  private URI base;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = RegistryServer.builder().storage(new InMemoryStorageDriver()).build().start();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    base = server.uri();
    blob = new byte[BLOB_SIZE];
    new Random(3).nextBytes(blob);
    blobDigest = Digest.sha256(blob);
    var repo = server.registry().repository("bench/http");
    repo.blobs().put(new java.io.ByteArrayInputStream(blob), blobDigest);
    byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
    repo.blobs().put(new java.io.ByteArrayInputStream(config), Digest.sha256(config));
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + Digest.sha256(config) + "\",\"size\":2},\"layers\":[{\"mediaType\":"
        + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"" + blobDigest + "\",\"size\":" + BLOB_SIZE + "}]}";
    repo.manifests().put(Reference.parse("latest"), manifest.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    server.close();
  }

  @Benchmark
  public int pushBlob() throws Exception {
    HttpResponse<Void> start = client.send(HttpRequest.newBuilder(base.resolve("/v2/bench/push/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    URI location = base.resolve(start.headers().firstValue("Location").orElseThrow());
    HttpResponse<Void> put = client.send(HttpRequest.newBuilder(URI.create(location + "?digest=" + blobDigest))
        .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build(), HttpResponse.BodyHandlers.discarding());
    if (put.statusCode() != 201) {
      throw new IllegalStateException("push answered " + put.statusCode());
    }
    return put.statusCode();
  }

  @Benchmark
  public long pullBlob() throws Exception {
    HttpResponse<java.io.InputStream> r = client.send(HttpRequest.newBuilder(base.resolve("/v2/bench/http/blobs/" + blobDigest))
        .build(), HttpResponse.BodyHandlers.ofInputStream());
    try (java.io.InputStream in = r.body()) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    }
  }

  @Benchmark
  public int manifestGetByTag() throws Exception {
    HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(base.resolve("/v2/bench/http/manifests/latest"))
        .header("Accept", MediaTypes.OCI_MANIFEST).build(), HttpResponse.BodyHandlers.ofByteArray());
    return r.body().length;
  }
}
