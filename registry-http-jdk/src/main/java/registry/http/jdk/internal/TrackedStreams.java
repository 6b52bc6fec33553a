package registry.http.jdk.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The exchange's body streams, each read or write reported to an {@link IdleWatchdog.Tracker}. */
final class TrackedStreams {

  /**
   * Writes go out in slices of this size so that a slow but steady reader shows progress at
   * least once per slice: one large write blocked on a slow client would look idle.
   */
  private static final int SLICE = 256 * 1024;

  private TrackedStreams() {}

  static InputStream in(InputStream in, IdleWatchdog.Tracker tracker) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        tracker.enter();
        try {
          return super.read();
        } finally {
          tracker.exit();
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        tracker.enter();
        try {
          return super.read(b, off, len);
        } finally {
          tracker.exit();
        }
      }

      @Override
      public long skip(long n) throws IOException {
        tracker.enter();
        try {
          return super.skip(n);
        } finally {
          tracker.exit();
        }
      }
    };
  }

  static OutputStream out(OutputStream out, IdleWatchdog.Tracker tracker) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        tracker.enter();
        try {
          out.write(b);
        } finally {
          tracker.exit();
        }
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        for (int done = 0; done < len; done += SLICE) {
          int n = Math.min(SLICE, len - done);
          tracker.enter();
          try {
            out.write(b, off + done, n);
          } finally {
            tracker.exit();
          }
        }
      }

      @Override
      public void flush() throws IOException {
        tracker.enter();
        try {
          out.flush();
        } finally {
          tracker.exit();
        }
      }

      @Override
      public void close() throws IOException {
        // Closing writes the last chunk of a chunked answer: it can block on the client too.
        tracker.enter();
        try {
          out.close();
        } finally {
          tracker.exit();
        }
      }
    };
  }
}
