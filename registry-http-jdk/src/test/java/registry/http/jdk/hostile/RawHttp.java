package registry.http.jdk.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends one request byte for byte over a fresh socket, as a hostile client would, and reads
 * the answer's status line, headers and (for a known length) body. Time-bounded: a server
 * that hangs fails the caller with a timeout.
 */
final class RawHttp {

  /** An answer: status, headers as text, body. */
  record Answer(int status, String headers, byte[] body) {
    boolean fromRegistry() {
      return headers.toLowerCase(Locale.ROOT).contains("docker-distribution-api-version: registry/2.0");
    }

    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private RawHttp() {}

  static Answer send(int port, byte[] request, boolean head) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(15_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(request);
        out.flush();
        socket.shutdownOutput();
      } catch (IOException e) {
        // the server may answer and close before reading a body it refuses: read what it said
      }
      InputStream in = socket.getInputStream();
      String head1 = readHead(in);
      if (head1.isEmpty()) {
        return new Answer(-1, "", new byte[0]);
      }
      int status = Integer.parseInt(head1.substring(9, 12));
      long length = contentLength(head1);
      byte[] body = new byte[0];
      if (!head && length > 0 && status != 204 && status != 304) {
        body = in.readNBytes((int) Math.min(length, 1 << 20));
      }
      return new Answer(status, head1, body);
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int state = 0;
    int c;
    while ((c = in.read()) >= 0) {
      buf.write(c);
      state = (c == '\r' || c == '\n') ? state + 1 : 0;
      if (state == 4 || buf.size() > 65536) {
        break;
      }
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        return Long.parseLong(line.substring(colon + 1).trim());
      }
    }
    return -1;
  }
}
