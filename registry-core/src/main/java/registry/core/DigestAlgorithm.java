package registry.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The content digest algorithms the registry accepts: those the OCI image spec registers.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI descriptor digests</a>
 */
public enum DigestAlgorithm {
  /** SHA-256, the algorithm of nearly every image. */
  SHA256("sha256", "SHA-256", 64),
  /** SHA-512. */
  SHA512("sha512", "SHA-512", 128);

  private final String prefix;
  private final String jcaName;
  private final int hexLength;

  DigestAlgorithm(String prefix, String jcaName, int hexLength) {
    this.prefix = prefix;
    this.jcaName = jcaName;
    this.hexLength = hexLength;
  }

  /** The name used in digest strings and storage paths, such as {@code sha256}. */
  public String prefix() {
    return prefix;
  }

  /** The number of lowercase hex characters of an encoded digest. */
  public int hexLength() {
    return hexLength;
  }

  /** A fresh {@link MessageDigest} for this algorithm. */
  public MessageDigest newMessageDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + jcaName, e);
    }
  }

  /** The algorithm with the given prefix, if it is one of ours. */
  public static Optional<DigestAlgorithm> byPrefix(String prefix) {
    for (DigestAlgorithm a : values()) {
      if (a.prefix.equals(prefix)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
