package registry.core.internal.http;

import java.io.IOException;

/**
 * Reading the request body failed: the client went away or sent a broken chunked body. Told
 * apart from storage failures so that it is answered as the client's fault and not logged as
 * the registry's.
 */
final class ClientBodyException extends IOException {

  private static final long serialVersionUID = 1L;

  ClientBodyException(IOException cause) {
    super("request body could not be read: " + cause.getMessage(), cause);
  }
}
