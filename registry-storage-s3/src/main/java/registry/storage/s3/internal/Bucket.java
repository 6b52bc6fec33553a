package registry.storage.s3.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CopyPartResult;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The S3 calls the driver makes, on one bucket, each translated by {@link S3Failures}. Every
 * object written gets the configured encryption and storage class. Multipart uploads carry CRC32
 * part checksums when the client calculates checksums ({@code WHEN_SUPPORTED}), because S3 then
 * wants each part's checksum back in {@code CompleteMultipartUpload}; with {@code WHEN_REQUIRED}
 * (servers that reject checksum headers) none are sent.
 */
public final class Bucket {

  /** The largest object {@code CopyObject} copies, and the largest part. */
  static final long MAX_COPY = 5L << 30;

  /** The most parts a multipart upload may have. */
  static final int MAX_PARTS = 10_000;

  private final S3Client s3;
  private final String name;
  private final String encryption;
  private final String kmsKeyId;
  private final String storageClass;
  private final boolean partChecksums;

  /**
   * @param encryption {@code null}, {@code AES256} or {@code aws:kms}
   * @param kmsKeyId the KMS key for {@code aws:kms}, or null for the bucket's default key
   * @param storageClass the storage class of new objects, or null to send none
   */
  public Bucket(S3Client s3, String name, String encryption, String kmsKeyId, String storageClass) {
    this.s3 = s3;
    this.name = name;
    this.encryption = encryption;
    this.kmsKeyId = kmsKeyId;
    this.storageClass = storageClass;
    this.partChecksums = s3.serviceClientConfiguration().requestChecksumCalculation()
        != RequestChecksumCalculation.WHEN_REQUIRED;
  }

  /** The bucket's name. */
  String name() {
    return name;
  }

  /** An object's metadata, or empty when there is no such key. */
  Optional<HeadObjectResponse> head(String key) throws IOException {
    try {
      return Optional.of(s3.headObject(r -> r.bucket(name).key(key)));
    } catch (SdkException e) {
      if (S3Failures.isNotFound(e)) {
        return Optional.empty();
      }
      throw S3Failures.translate("HeadObject", name, key, e);
    }
  }

  /** A whole (small) object with its entity tag and modification time. */
  record Stored(byte[] bytes, String etag, Instant modified) {}

  /** Reads a whole object, or empty when there is no such key. */
  Optional<Stored> getBytes(String key) throws IOException {
    try {
      ResponseBytes<GetObjectResponse> r = s3.getObjectAsBytes(b -> b.bucket(name).key(key));
      return Optional.of(new Stored(r.asByteArrayUnsafe(), r.response().eTag(), r.response().lastModified()));
    } catch (SdkException e) {
      if (S3Failures.isNotFound(e)) {
        return Optional.empty();
      }
      throw S3Failures.translate("GetObject", name, key, e);
    }
  }

  /**
   * Opens bytes {@code from..to} (inclusive; {@code to < 0} for the end) of an object. Empty when
   * there is no such key; an empty stream when {@code from} is at or past the end.
   */
  Optional<InputStream> open(String key, long from, long to) throws IOException {
    String range = from == 0 && to < 0 ? null : "bytes=" + from + "-" + (to < 0 ? "" : Long.toString(to));
    try {
      ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(name).key(key).range(range));
      return Optional.of(new ObjectStream(in));
    } catch (SdkException e) {
      if (S3Failures.isNotFound(e)) {
        return Optional.empty();
      }
      if (S3Failures.isRangeNotSatisfiable(e)) {
        return Optional.of(InputStream.nullInputStream());
      }
      throw S3Failures.translate("GetObject", name, key, e);
    }
  }

  /**
   * Writes a whole object. {@code condition} is null (unconditional), {@code "*"} (only if absent)
   * or an entity tag (only if unchanged).
   *
   * @return the new object's entity tag
   * @throws S3Failures.ConflictException when the condition does not hold
   */
  String put(String key, byte[] bytes, int length, String condition) throws IOException {
    PutObjectRequest.Builder b = PutObjectRequest.builder().bucket(name).key(key)
        .contentType("application/octet-stream").storageClass(storageClass)
        .serverSideEncryption(encryption).ssekmsKeyId(kmsKeyId);
    if ("*".equals(condition)) {
      b.ifNoneMatch("*");
    } else if (condition != null) {
      b.ifMatch(condition);
    }
    return call("PutObject", key, () -> s3.putObject(b.build(), body(bytes, length)).eTag());
  }

  /** Deletes one object; deleting a missing key is no error. */
  void delete(String key) throws IOException {
    call("DeleteObject", key, () -> s3.deleteObject(b -> b.bucket(name).key(key)));
  }

  /** Deletes objects, a thousand per request. */
  void deleteAll(List<String> keys) throws IOException {
    for (int from = 0; from < keys.size(); from += 1000) {
      List<ObjectIdentifier> batch = new ArrayList<>();
      for (String k : keys.subList(from, Math.min(keys.size(), from + 1000))) {
        batch.add(ObjectIdentifier.builder().key(k).build());
      }
      var response = call("DeleteObjects", keys.get(from), () -> s3.deleteObjects(
          b -> b.bucket(name).delete(d -> d.objects(batch).quiet(true))));
      if (response.hasErrors() && !response.errors().isEmpty()) {
        var first = response.errors().get(0);
        throw new IOException("s3: DeleteObjects in s3://" + name + " failed for " + response.errors().size()
            + " keys, first " + first.key() + ": " + first.code() + " " + first.message());
      }
    }
  }

  /** Deletes every key starting with {@code prefix}, a page (1,000 keys) at a time. */
  void deleteAllUnder(String prefix) throws IOException {
    String token = null;
    do {
      ListObjectsV2Response page = list(prefix, null, token, null);
      List<String> batch = new ArrayList<>(page.contents().size());
      page.contents().forEach(o -> batch.add(o.key()));
      deleteAll(batch);
      token = page.nextContinuationToken();
    } while (token != null);
  }

  /** One page of a listing; {@code startAfter} counts only without a continuation token. */
  ListObjectsV2Response list(String prefix, String delimiter, String token, String startAfter)
      throws IOException {
    return list(prefix, delimiter, token, startAfter, null);
  }

  /** One page of at most {@code maxKeys} keys (null for the server's default, 1,000 on S3). */
  ListObjectsV2Response list(String prefix, String delimiter, String token, String startAfter,
      Integer maxKeys) throws IOException {
    ListObjectsV2Request.Builder b = ListObjectsV2Request.builder().bucket(name).prefix(prefix)
        .delimiter(delimiter).maxKeys(maxKeys);
    if (token != null) {
      b.continuationToken(token);
    } else if (startAfter != null) {
      b.startAfter(startAfter);
    }
    return call("ListObjectsV2", prefix, () -> s3.listObjectsV2(b.build()));
  }

  /** Starts a multipart upload; returns its id. */
  String createUpload(String key) throws IOException {
    return call("CreateMultipartUpload", key, () -> s3.createMultipartUpload(b -> b.bucket(name).key(key)
        .contentType("application/octet-stream").storageClass(storageClass)
        .serverSideEncryption(encryption).ssekmsKeyId(kmsKeyId)
        .checksumAlgorithm(partChecksums ? ChecksumAlgorithm.CRC32 : null)).uploadId());
  }

  /** Uploads part {@code number} from {@code bytes[0..length)}. */
  CompletedPart uploadPart(String key, String uploadId, int number, byte[] bytes, int length)
      throws IOException {
    UploadPartResponse r = call("UploadPart", key, () -> s3.uploadPart(b -> b.bucket(name).key(key)
        .uploadId(uploadId).partNumber(number).contentLength((long) length)
        .checksumAlgorithm(partChecksums ? ChecksumAlgorithm.CRC32 : null), body(bytes, length)));
    return CompletedPart.builder().partNumber(number).eTag(r.eTag())
        .checksumCRC32(partChecksums ? r.checksumCRC32() : null).build();
  }

  /** Copies bytes {@code from..to} (inclusive) of {@code source} into part {@code number}. */
  CompletedPart copyPart(String key, String uploadId, int number, String source, long from, long to)
      throws IOException {
    CopyPartResult r = call("UploadPartCopy", key, () -> s3.uploadPartCopy(b -> b.destinationBucket(name)
        .destinationKey(key).uploadId(uploadId).partNumber(number).sourceBucket(name).sourceKey(source)
        .copySourceRange("bytes=" + from + "-" + to))).copyPartResult();
    return CompletedPart.builder().partNumber(number).eTag(r.eTag())
        .checksumCRC32(partChecksums ? r.checksumCRC32() : null).build();
  }

  /** Completes a multipart upload: the object appears, whole, at {@code key}. */
  void complete(String key, String uploadId, List<CompletedPart> parts) throws IOException {
    call("CompleteMultipartUpload", key, () -> s3.completeMultipartUpload(b -> b.bucket(name).key(key)
        .uploadId(uploadId).multipartUpload(m -> m.parts(parts))));
  }

  /** Aborts a multipart upload, ignoring failures: for clean-up after another error. */
  void abortQuietly(String key, String uploadId) {
    try {
      s3.abortMultipartUpload(b -> b.bucket(name).key(key).uploadId(uploadId));
    } catch (SdkException e) {
      // an abandoned upload is aborted again by the next delete of its directory
    }
  }

  /** The multipart uploads in progress whose keys start with {@code prefix}. */
  List<MultipartUpload> uploads(String prefix) throws IOException {
    List<MultipartUpload> all = new ArrayList<>();
    String keyMarker = null;
    String idMarker = null;
    while (true) {
      String k = keyMarker;
      String i = idMarker;
      var page = call("ListMultipartUploads", prefix, () -> s3.listMultipartUploads(
          b -> b.bucket(name).prefix(prefix).keyMarker(k).uploadIdMarker(i)));
      all.addAll(page.uploads());
      if (!Boolean.TRUE.equals(page.isTruncated()) || page.nextKeyMarker() == null) {
        return all;
      }
      keyMarker = page.nextKeyMarker();
      idMarker = page.nextUploadIdMarker();
    }
  }

  /** Copies a whole object of at most {@link #MAX_COPY} bytes, server-side. */
  void copy(String source, String destination) throws IOException {
    call("CopyObject", destination, () -> s3.copyObject(b -> b.sourceBucket(name).sourceKey(source)
        .destinationBucket(name).destinationKey(destination).storageClass(storageClass)
        .serverSideEncryption(encryption).ssekmsKeyId(kmsKeyId)));
  }

  /**
   * A request body over {@code bytes[0..length)} without the copy {@code RequestBody.fromBytes}
   * makes: part buffers are chunksize bytes, and a retry simply reads them again.
   */
  private static RequestBody body(byte[] bytes, int length) {
    return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
        "application/octet-stream");
  }

  private <T> T call(String operation, String key, Supplier<T> call) throws IOException {
    try {
      return call.get();
    } catch (SdkException e) {
      throw S3Failures.translate(operation, name, key, e);
    }
  }
}
