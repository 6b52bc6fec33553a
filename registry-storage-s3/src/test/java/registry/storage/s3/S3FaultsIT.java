package registry.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import registry.core.Digest;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.UploadStatus;
import registry.core.http.RegistryHandler;
import registry.core.http.RegistryRequest;
import registry.core.http.RegistryResponse;
import registry.core.spi.StorageUnavailableException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 faults seen by the registry: a server that answers 503 SlowDown (after the SDK's retries)
 * and a server that stops in the middle of an upload and comes back. Requests fail with 503
 * UNAVAILABLE, nothing half-written becomes visible, and service resumes when the fault clears.
 */
class S3FaultsIT {

  private static final String KEY = "AKFAULTS0000000000";
  private static final String SECRET = "faults-secret";

  @Test
  void slowDownAnswersBecome503AndNothingIsVisible() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    HttpServer throttling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    throttling.createContext("/", exchange -> {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
          + "<Message>Please reduce your request rate.</Message><RequestId>r1</RequestId></Error>")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/xml");
      exchange.sendResponseHeaders(503, "HEAD".equals(exchange.getRequestMethod()) ? -1 : body.length);
      if (!"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    throttling.start();
    try (S3Client client = client(URI.create("http://127.0.0.1:" + throttling.getAddress().getPort()))) {
      S3StorageDriver driver = S3StorageDriver.builder(client).bucket("b").build();
      Throwable t = catchThrowable(() -> driver.putContent("/a/b", new byte[] {1}));
      assertThat(t).isInstanceOf(StorageUnavailableException.class).hasMessageContaining("503 SlowDown");
      assertThat(requests.get()).as("the SDK retried before giving up").isGreaterThan(1);

      Registry registry = Registry.builder().storage(driver).build();
      RegistryResponse r = RegistryHandler.builder(registry).build().handle(
          RegistryRequest.builder("POST", "/v2/team/app/blobs/uploads/").authority("127.0.0.1:5000").build());
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.header("Location")).isEmpty();
    } finally {
      throttling.stop(0);
    }
  }

  @Test
  void anUploadSurvivesTheServerStoppingMidwayAndComingBack(@TempDir Path objects) throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    byte[] blob = new byte[12 * 1024 * 1024];
    new Random(6).nextBytes(blob);
    Digest digest = Digest.sha256(blob);
    int third = blob.length / 3;
    S3Proxy proxy = start(objects, port);
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    try (S3Client client = client(endpoint)) {
      client.createBucket(b -> b.bucket("faults"));
      Registry registry = Registry.builder()
          .storage(S3StorageDriver.builder(client).bucket("faults").chunkSize(S3StorageDriver.MIN_CHUNK_SIZE).build())
          .build();
      Repository repo = registry.repository("team/app");
      UploadStatus s = repo.uploads().start();
      s = repo.uploads().append(s.id(), 0, new ByteArrayInputStream(blob, 0, third));

      proxy.stop();
      String id = s.id();
      Throwable down = catchThrowable(() -> repo.uploads().append(id, third, new ByteArrayInputStream(blob, third, third)));
      assertThat(down).isInstanceOf(StorageUnavailableException.class);
      assertThat(catchThrowable(() -> repo.uploads().finish(id, digest, null))).isInstanceOf(StorageUnavailableException.class);

      proxy = start(objects, port);
      assertThat(repo.blobs().stat(digest)).isEmpty();
      long offset = repo.uploads().status(id).offset();
      assertThat(offset).as("what the upload holds after the failed chunk").isIn((long) third, 2L * third);
      repo.uploads().append(id, offset, new ByteArrayInputStream(blob, (int) offset, blob.length - (int) offset));
      assertThat(repo.uploads().finish(id, digest, null).size()).isEqualTo(blob.length);
      try (InputStream in = repo.blobs().open(digest, 0)) {
        assertThat(Digest.sha256(in.readAllBytes())).isEqualTo(digest);
      }
    } finally {
      proxy.stop();
    }
  }

  private static S3Proxy start(Path objects, int port) throws Exception {
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(objects.toString()))
        .endpoint(URI.create("http://127.0.0.1:" + port))
        .awsAuthentication(AuthenticationType.AWS_V4, KEY, SECRET)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return proxy;
  }

  private static S3Client client(URI endpoint) {
    return S3Client.builder().httpClient(ApacheHttpClient.create()).region(Region.US_EAST_1)
        .endpointOverride(endpoint).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
        .build();
  }

}
