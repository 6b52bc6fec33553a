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
 * The cost of hashing on the push path: our one-pass hash-and-copy against a bare
 * {@link MessageDigest} over the same bytes. Throughput is bytes per second (ops x size).
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

  @Benchmark
  public byte[] rawMessageDigest() {
    MessageDigest digest = DigestAlgorithm.SHA256.newMessageDigest();
    // the same update sizes as the copy, so only our stream plumbing differs
    for (int off = 0; off < content.length; off += HashingCopy.BUFFER_SIZE) {
      digest.update(content, off, Math.min(HashingCopy.BUFFER_SIZE, content.length - off));
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
