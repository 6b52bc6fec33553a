package registry.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What S3 failures look like once the SDK has retried: an {@link IOException} naming operation,
 * key, status and S3 error code, with the network failure (if any) kept as its cause, which is
 * what the registry answers 503 on.
 */
class S3FailuresIT {

  @Test
  void aRefusedSignatureNamesTheOperationKeyAndCode() {
    S3TestServer server = S3TestServer.get();
    try (S3Client wrongKey = client(server.endpoint(), "wrong secret")) {
      S3StorageDriver driver = S3TestServer.driver(wrongKey).build();
      Throwable t = catchThrowable(() -> driver.putContent("/a/b", new byte[] {1}));
      assertThat(t).isInstanceOf(IOException.class)
          .hasMessageContaining("s3: PutObject s3://" + S3TestServer.BUCKET + "/")
          .hasMessageContaining("/a/b failed: HTTP 403 SignatureDoesNotMatch");
    }
  }

  @Test
  void anUnreachableServerKeepsTheConnectionFailureAsCause() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    try (S3Client nowhere = client(URI.create("http://127.0.0.1:" + closedPort), S3TestServer.get().secretKey())) {
      S3StorageDriver driver = S3TestServer.driver(nowhere).build();
      Throwable t = catchThrowable(() -> driver.stat("/a"));
      assertThat(t).isInstanceOf(IOException.class).hasMessageContaining("s3: HeadObject");
      assertThat(t).extracting(Throwable::getCause).isNotNull();
      assertThat(rootCause(t)).asInstanceOf(InstanceOfAssertFactories.THROWABLE).isInstanceOf(ConnectException.class);
    }
  }

  private static S3Client client(URI endpoint, String secret) {
    return S3Client.builder().httpClient(ApacheHttpClient.create()).region(Region.US_EAST_1)
        .endpointOverride(endpoint).forcePathStyle(true)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(S3TestServer.get().accessKey(), secret)))
        .build();
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
