package registry.storage.s3.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** Presigned URLs for {@code GET} and {@code HEAD} of one bucket's objects; no request is made. */
public final class Redirects {

  private final S3Presigner presigner;
  private final String bucket;
  private final Duration expiry;

  /** URLs for objects in {@code bucket}, signed by {@code presigner}, valid for {@code expiry}. */
  public Redirects(S3Presigner presigner, String bucket, Duration expiry) {
    this.presigner = presigner;
    this.bucket = bucket;
    this.expiry = expiry;
  }

  /** The URL for {@code method} ({@code HEAD}, else {@code GET}) of the object at {@code key}. */
  public URI url(String method, String key) throws IOException {
    try {
      if ("HEAD".equalsIgnoreCase(method)) {
        return presigner.presignHeadObject(r -> r.signatureDuration(expiry)
            .headObjectRequest(h -> h.bucket(bucket).key(key))).url().toURI();
      }
      return presigner.presignGetObject(r -> r.signatureDuration(expiry)
          .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI();
    } catch (URISyntaxException e) {
      throw new IOException("s3: presigned URL for " + key + " is not a URI", e);
    }
  }
}
