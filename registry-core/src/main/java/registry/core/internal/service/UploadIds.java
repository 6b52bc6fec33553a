package registry.core.internal.service;

import java.util.UUID;
import java.util.regex.Pattern;
import registry.core.ErrorCode;
import registry.core.RegistryException;
import registry.core.RepositoryName;

/**
 * The one rule for upload ids, for the HTTP routes and the upload service alike. Ids are
 * random UUIDs, as distribution makes them, so anything else names no upload and never
 * reaches storage.
 */
public final class UploadIds {

  private static final Pattern UUID_FORM =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  /** Enough of an id to recognise it in a message, without echoing whatever a client sent. */
  private static final int SHOWN = 64;

  private UploadIds() {}

  static String newId() {
    return UUID.randomUUID().toString();
  }

  /**
   * {@code id} when it could name an upload.
   *
   * @throws RegistryException {@link ErrorCode#BLOB_UPLOAD_UNKNOWN} otherwise
   */
  public static String requireWellFormed(String id, RepositoryName repository) {
    if (id == null || !UUID_FORM.matcher(id).matches()) {
      throw unknown(id, repository);
    }
    return id;
  }

  static RegistryException unknown(String id, RepositoryName repository) {
    String shown = id == null ? "" : id.length() > SHOWN ? id.substring(0, SHOWN) + "..." : id;
    return new RegistryException(ErrorCode.BLOB_UPLOAD_UNKNOWN,
        "upload " + shown + " is not in progress in repository " + repository);
  }
}
