package registry.benchmarks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import registry.core.DigestAlgorithm;
import registry.core.internal.io.HashingCopy;

/**
 * The cost of our plumbing on the push path: the one-pass hash-and-copy (pooled buffer, writes
 * to a sink) against a bare {@link MessageDigest} reading the same stream with a buffer sized
 * to the input. Throughput in bytes per second is ops x size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class DigestBenchmark {

  @Param({"4096", "1048576", "67108864"})
  public int size;

  private byte[] content;

  @Setup
  public void setUp() {
    content = new byte[size];
    new Random(1).nextBytes(content);
  }

  /** The loop anyone would write: read the stream into a buffer, update the digest. */
  @Benchmark
  public byte[] rawMessageDigest() throws IOException {
    MessageDigest digest = DigestAlgorithm.SHA256.newMessageDigest();
    byte[] buffer = new byte[Math.min(HashingCopy.BUFFER_SIZE, size)];
    ByteArrayInputStream in = new ByteArrayInputStream(content);
    int n;
    while ((n = in.read(buffer)) >= 0) {
      digest.update(buffer, 0, n);
    }
    return digest.digest();
  }

  @Benchmark
  public byte[] hashingCopy() throws IOException {
    MessageDigest digest = DigestAlgorithm.SHA256.newMessageDigest();
    HashingCopy.copy(new ByteArrayInputStream(content), OutputStream.nullOutputStream(), digest);
    return digest.digest();
  }
}
