package registry.http.jdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerExecutorsTest {

  private ExecutorService pool;

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void sequentialExchangesReuseTheIdleThread() throws Exception {
    pool = ServerExecutors.pool(8, Duration.ofSeconds(30));
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 50; i++) {
      pool.submit(() -> seen.add(Thread.currentThread())).get(10, TimeUnit.SECONDS);
      Thread.sleep(2); // as a client between requests: the thread is back waiting by now
    }
    // A pool that makes a thread per task below its bound shows 8 here. (Not exactly 1: a
    // thread may still be on its way back when the next task comes.)
    assertThat(seen).hasSizeLessThan(4);
  }

  @Test
  void tasksBeyondTheBoundWaitInsteadOfBeingRefused() throws Exception {
    pool = ServerExecutors.pool(2, Duration.ofSeconds(30));
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(6);
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 6; i++) {
      pool.execute(() -> {
        seen.add(Thread.currentThread());
        running.incrementAndGet();
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        running.decrementAndGet();
        done.countDown();
      });
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (running.get() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    Thread.sleep(50); // room for a third to start, were the bound not kept
    assertThat(running.get()).isEqualTo(2);
    release.countDown();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(seen).hasSize(2);
  }

  @Test
  void aPoolWhoseThreadsTimedOutStillRunsTheNextTask() throws Exception {
    pool = ServerExecutors.pool(2, Duration.ofMillis(20));
    pool.submit(() -> { }).get(10, TimeUnit.SECONDS);
    Thread.sleep(200); // past the keep-alive: the thread is gone
    assertThat(pool.submit(() -> 42).get(10, TimeUnit.SECONDS)).isEqualTo(42);
  }
}
