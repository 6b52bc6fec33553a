package registry.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 1 GiB blob pushed in 16 MiB chunks through the S3 driver by a JVM with a 96 MiB heap: the
 * bytes stream through, the heap never holds the blob. (The S3 server runs in this test JVM,
 * which needs a larger heap of its own, so the push runs in a child process.)
 */
class S3BoundedMemoryIT {

  private static final long SIZE = 1024L * 1024 * 1024;
  private static final int CHUNK = 16 * 1024 * 1024;

  @Test
  void aGibibytePushStreamsThroughASmallHeap() throws Exception {
    S3TestServer server = S3TestServer.get();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(List.of(java.toString(), "-Xmx96m", "-cp",
        System.getProperty("java.class.path"), BoundedPush.class.getName(), server.endpoint().toString(),
        server.accessKey(), server.secretKey(), S3TestServer.BUCKET, S3TestServer.freshRoot(),
        Long.toString(SIZE), Integer.toString(CHUNK))).redirectErrorStream(true);
    Process p = pb.start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!done) {
      p.destroyForcibly();
    }
    System.out.println("[S3BoundedMemoryIT] " + output.strip().replace('\n', ' '));
    assertThat(done).as(output).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("ok").doesNotContain("OutOfMemoryError");
  }
}
