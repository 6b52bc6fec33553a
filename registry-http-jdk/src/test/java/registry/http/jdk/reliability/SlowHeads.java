package registry.http.jdk.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Connections that each start a request and then send its headers a byte a second, never
 * finishing them: clients on a bad link, or an attacker holding the server's threads.
 */
final class SlowHeads implements AutoCloseable {

  private final List<Socket> sockets = new ArrayList<>();
  private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "slow-heads");
    t.setDaemon(true);
    return t;
  });

  /** Opens {@code count} connections to 127.0.0.1:{@code port}, each with a request begun. */
  static SlowHeads open(int port, int count) throws IOException {
    SlowHeads heads = new SlowHeads();
    byte[] start = ("GET /v2/ HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Slow: ").getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < count; i++) {
      Socket s = new Socket();
      heads.sockets.add(s);
      s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      s.getOutputStream().write(start);
    }
    heads.trickle.scheduleWithFixedDelay(heads::oneByteEach, 1, 1, TimeUnit.SECONDS);
    return heads;
  }

  private synchronized void oneByteEach() {
    for (Socket s : sockets) {
      if (s.isClosed()) {
        continue;
      }
      try {
        s.getOutputStream().write('a');
      } catch (IOException cut) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closed either way
        }
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    trickle.shutdownNow();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
