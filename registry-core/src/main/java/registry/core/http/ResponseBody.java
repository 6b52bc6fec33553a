package registry.core.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The bytes of a response, written once by the adapter after the status and headers.
 *
 * <pre>{@code
 * ResponseBody json = ResponseBody.of(bytes);
 * ResponseBody blob = ResponseBody.of(inputStream, size);   // streams, closes the input on close()
 * }</pre>
 */
public interface ResponseBody extends Closeable {

  /** The number of bytes {@link #writeTo} writes, or -1 when unknown (sent chunked). */
  long contentLength();

  /** Writes the body; called at most once. Does not close {@code out}. */
  void writeTo(OutputStream out) throws IOException;

  /** Releases what the body holds (an open blob stream) whether or not it was written. */
  @Override
  default void close() throws IOException {}

  /** A body of the given bytes (not copied: the caller hands them over). */
  static ResponseBody of(byte[] bytes) {
    return new ResponseBody() {
      @Override
      public long contentLength() {
        return bytes.length;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        out.write(bytes);
      }
    };
  }

  /**
   * A body streamed from {@code in}: exactly {@code length} bytes, or everything up to the end
   * when {@code length} is -1. The stream is closed by {@link #close()}.
   */
  static ResponseBody of(InputStream in, long length) {
    return new ResponseBody() {
      @Override
      public long contentLength() {
        return length;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        long left = length < 0 ? Long.MAX_VALUE : length;
        while (left > 0) {
          int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
          if (n < 0) {
            if (length >= 0) {
              // The adapter already announced the length; failing makes it drop the connection
              // rather than leave the client waiting for bytes that never come.
              throw new IOException("content ended " + left + " bytes short of its length");
            }
            return;
          }
          out.write(buffer, 0, n);
          left -= n;
        }
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }
}
