package registry.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import registry.core.spi.FileInfo;
import registry.core.spi.StorageDriver;
import registry.core.spi.StorageWriter;
import registry.core.spi.WalkVisitor;
import registry.storage.s3.internal.Bucket;
import registry.storage.s3.internal.Keys;
import registry.storage.s3.internal.Redirects;
import registry.storage.s3.internal.S3Files;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The {@code s3} storage driver: registry storage in an S3 bucket, laid out exactly as
 * distribution's s3 driver lays it out ({@code <rootDirectory>/docker/registry/v2/...}), so a
 * bucket written by {@code registry:2} serves as it is and the other way round. Several registry
 * instances can share one bucket: an upload started on one can be continued on any other.
 *
 * <pre>{@code
 * S3Client s3 = S3Client.builder()
 *     .region(Region.EU_WEST_1)
 *     .httpClient(ApacheHttpClient.create()) // choose the HTTP client: discovery can fail on the module path
 *     .build();
 * try (StorageDriver storage = S3StorageDriver.builder(s3)
 *     .bucket("my-registry")
 *     .rootDirectory("/registry")
 *     .build()) {
 *   Registry registry = Registry.builder().storage(storage).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>Uploads: each writer session leaves one segment object (a {@code PutObject}, or a multipart
 * upload of {@code chunkSize} parts) next to the file plus a small state object naming the
 * segments, so what a closed writer wrote is readable and can be continued by any instance, and
 * appending never re-copies what was uploaded before. A chunk below 5 MiB is folded into the
 * next one (at most 5 MiB re-uploaded). Committed segments are joined into one object by
 * server-side {@code UploadPartCopy} when the registry moves the upload to its content address:
 * one copy per blob, as any S3 rename costs. Objects below {@code rootDirectory} whose names
 * contain {@code ~parts/} are this bookkeeping; they vanish when the upload is finished or
 * cancelled. A bucket lifecycle rule that aborts incomplete multipart uploads after a day or two
 * is a good idea, as for any S3 application.
 *
 * <p>Failures from S3 (after the SDK's own retries, as configured on the client) surface as
 * {@link IOException}s naming the operation, key, status, S3 error code and request id. The
 * credentials need {@code s3:ListBucket} (without it S3 answers 403, not 404, for a missing
 * key), {@code s3:ListBucketMultipartUploads}, and object read, write, delete and
 * {@code s3:AbortMultipartUpload}, as distribution's driver does.
 *
 * @see <a href="https://distribution.github.io/distribution/storage-drivers/s3/">distribution's s3 driver</a>
 */
public final class S3StorageDriver implements StorageDriver {

  /** The default part size: 10 MiB, as distribution's. */
  public static final int DEFAULT_CHUNK_SIZE = 10 << 20;

  /** The smallest part size S3 accepts: 5 MiB. */
  public static final int MIN_CHUNK_SIZE = 5 << 20;

  /** The largest part size this driver buffers: 1 GiB. */
  public static final int MAX_CHUNK_SIZE = 1 << 30;

  private final Builder settings;
  private final Redirects redirects;
  private final S3Files files;

  private S3StorageDriver(Builder b) {
    this.settings = b.copy();
    this.redirects = b.presigner == null ? null : new Redirects(b.presigner, b.bucket, b.redirectExpiry);
    Bucket bucket = new Bucket(b.client, b.bucket, b.encrypt ? (b.kmsKeyId == null ? "AES256" : "aws:kms") : null,
        b.encrypt ? b.kmsKeyId : null, b.storageClass);
    this.files = new S3Files(bucket, new Keys(b.rootDirectory), b.chunkSize);
  }

  /** A builder over {@code client}, which the caller configures (region, credentials, HTTP client). */
  public static Builder builder(S3Client client) {
    return new Builder(Objects.requireNonNull(client, "client"));
  }

  /** A builder with this driver's settings, to derive a variant. */
  public Builder toBuilder() {
    return settings.copy();
  }

  /** {@code s3}. */
  @Override
  public String name() {
    return "s3";
  }

  @Override
  public byte[] getContent(String path) throws IOException {
    return files.getContent(path);
  }

  @Override
  public void putContent(String path, byte[] content) throws IOException {
    files.putContent(path, content);
  }

  @Override
  public InputStream reader(String path, long offset) throws IOException {
    return files.reader(path, offset);
  }

  @Override
  public StorageWriter writer(String path, boolean append) throws IOException {
    return files.writer(path, append);
  }

  @Override
  public FileInfo stat(String path) throws IOException {
    return files.stat(path);
  }

  @Override
  public List<String> list(String path) throws IOException {
    return files.list(path);
  }

  @Override
  public void move(String source, String destination) throws IOException {
    files.move(source, destination);
  }

  @Override
  public void delete(String path) throws IOException {
    files.delete(path);
  }

  /** Walks with one flat listing per 1,000 keys, as distribution's s3 driver does. */
  @Override
  public void walk(String path, WalkVisitor visitor) throws IOException {
    files.walk(path, visitor);
  }

  /**
   * A presigned URL for the object at {@code path} when redirects are on, else empty. The
   * existence of the object is not checked (that would cost a request): the registry asks only for
   * blobs it has found. A file still held as segments (an upload not moved yet) has no URL.
   */
  /** A presigned URL when redirects are on; no request checks that the object exists. */
  @Override
  public Optional<URI> redirectUrl(String method, String path) throws IOException {
    return redirects == null ? Optional.empty() : Optional.of(redirects.url(method, files.key(path)));
  }

  /**
   * Ends the copy threads and, when {@link Builder#closeClient} was set, closes the client and
   * the presigner.
   */
  @Override
  public void close() {
    files.close();
    if (settings.closeClient) {
      if (settings.presigner != null) {
        settings.presigner.close();
      }
      settings.client.close();
    }
  }

  @Override
  public String toString() {
    return "s3 driver on s3://" + settings.bucket + "/" + files.key("/x").replaceAll("x$", "");
  }

  /** Settings of an {@link S3StorageDriver}; {@link #bucket} is required. */
  public static final class Builder {
    private final S3Client client;
    private String bucket;
    private String rootDirectory = "";
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private boolean encrypt;
    private String kmsKeyId;
    private String storageClass;
    private S3Presigner presigner;
    private Duration redirectExpiry = Duration.ofMinutes(20);
    private boolean closeClient;

    private Builder(S3Client client) {
      this.client = client;
    }

    /** The bucket, which must exist. */
    public Builder bucket(String bucket) {
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      return this;
    }

    /** The key prefix everything lives under, such as {@code /registry}; none by default. */
    public Builder rootDirectory(String rootDirectory) {
      new Keys(rootDirectory); // validates
      this.rootDirectory = rootDirectory == null ? "" : rootDirectory;
      return this;
    }

    /**
     * The multipart part size, and the most a writer buffers: {@value #DEFAULT_CHUNK_SIZE} bytes
     * by default, at least {@value #MIN_CHUNK_SIZE}, at most {@value #MAX_CHUNK_SIZE}.
     */
    public Builder chunkSize(int chunkSize) {
      if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
        throw new IllegalArgumentException("chunksize " + chunkSize + " is not between "
            + MIN_CHUNK_SIZE + " and " + MAX_CHUNK_SIZE);
      }
      this.chunkSize = chunkSize;
      return this;
    }

    /** Server-side encryption of new objects: SSE-S3, or SSE-KMS with {@link #kmsKeyId}. */
    public Builder encrypt(boolean encrypt) {
      this.encrypt = encrypt;
      return this;
    }

    /** The KMS key for encryption; null for SSE-S3. Takes effect with {@link #encrypt}. */
    public Builder kmsKeyId(String kmsKeyId) {
      this.kmsKeyId = kmsKeyId;
      return this;
    }

    /** The storage class of new objects, such as {@code STANDARD}; null sends none (the default). */
    public Builder storageClass(String storageClass) {
      this.storageClass = storageClass;
      return this;
    }

    /**
     * Turns redirects on: {@link S3StorageDriver#redirectUrl} hands out URLs that {@code presigner} signs (build it
     * with the client's region, credentials, endpoint and path style). Null, the default, turns
     * them off.
     */
    public Builder redirect(S3Presigner presigner) {
      this.presigner = presigner;
      return this;
    }

    /** How long a presigned URL stays valid: 20 minutes by default. */
    public Builder redirectExpiry(Duration expiry) {
      if (expiry.isNegative() || expiry.isZero() || expiry.compareTo(Duration.ofDays(7)) > 0) {
        throw new IllegalArgumentException("redirect expiry must be positive and at most 7 days");
      }
      this.redirectExpiry = expiry;
      return this;
    }

    /**
     * Whether closing the driver closes the client and the presigner (off by default: the caller
     * owns them).
     */
    public Builder closeClient(boolean closeClient) {
      this.closeClient = closeClient;
      return this;
    }

    /** The driver. */
    public S3StorageDriver build() {
      if (bucket == null || bucket.isBlank()) {
        throw new IllegalStateException("bucket is required");
      }
      return new S3StorageDriver(this);
    }

    private Builder copy() {
      Builder b = new Builder(client);
      b.bucket = bucket;
      b.rootDirectory = rootDirectory;
      b.chunkSize = chunkSize;
      b.encrypt = encrypt;
      b.kmsKeyId = kmsKeyId;
      b.storageClass = storageClass;
      b.presigner = presigner;
      b.redirectExpiry = redirectExpiry;
      b.closeClient = closeClient;
      return b;
    }
  }
}
