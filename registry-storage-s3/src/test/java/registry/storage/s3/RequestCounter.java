package registry.storage.s3;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts the HTTP requests a client sends (retries included), by S3 operation. */
final class RequestCounter implements ExecutionInterceptor {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
    counts.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new LongAdder())
        .increment();
  }

  /** The counts so far, by operation, sorted; and resets them. */
  synchronized Map<String, Long> take() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((k, v) -> snapshot.put(k, v.sumThenReset()));
    snapshot.values().removeIf(v -> v == 0);
    return snapshot;
  }

  /** The total of some counts. */
  static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
