package registry.core;

import java.util.HexFormat;
import java.util.Optional;

/**
 * A validated content digest such as {@code sha256:4c1a...}. Two digests are equal when their
 * algorithm and hex are equal.
 *
 * <pre>{@code
 * Digest d = Digest.parse("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
 * Digest same = Digest.of(DigestAlgorithm.SHA256, new byte[0]);
 * }</pre>
 *
 * @param algorithm the hash algorithm
 * @param hex the encoded hash: lowercase hex of the algorithm's length
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">OCI descriptor digests</a>
 */
public record Digest(DigestAlgorithm algorithm, String hex) implements Comparable<Digest> {

  private static final HexFormat HEX = HexFormat.of();

  /** Validates the parts; use {@link #parse} for strings. */
  public Digest {
    if (algorithm == null || hex == null) {
      throw new IllegalArgumentException("digest algorithm and hex are required");
    }
    if (hex.length() != algorithm.hexLength() || !isLowerHex(hex)) {
      throw new IllegalArgumentException(
          "invalid " + algorithm.prefix() + " digest hex: expected " + algorithm.hexLength()
              + " lowercase hex characters");
    }
  }

  /**
   * Parses {@code algorithm:hex}.
   *
   * @throws IllegalArgumentException when the string is not a digest of a supported algorithm
   */
  public static Digest parse(String s) {
    if (s == null) {
      throw new IllegalArgumentException("digest is missing");
    }
    int colon = s.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("invalid digest '" + abbreviate(s) + "': expected algorithm:hex");
    }
    String prefix = s.substring(0, colon);
    DigestAlgorithm algorithm = DigestAlgorithm.byPrefix(prefix)
        .orElseThrow(() -> new IllegalArgumentException(
            "unsupported digest algorithm '" + abbreviate(prefix) + "'"));
    return new Digest(algorithm, s.substring(colon + 1));
  }

  /** Parses {@code algorithm:hex}, or returns empty when it is not a valid digest. */
  public static Optional<Digest> tryParse(String s) {
    try {
      return Optional.of(parse(s));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The digest of a finished hash. */
  public static Digest of(DigestAlgorithm algorithm, byte[] hash) {
    return new Digest(algorithm, HEX.formatHex(hash));
  }

  /** The SHA-256 digest of the given bytes. */
  public static Digest sha256(byte[] content) {
    return of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA256.newMessageDigest().digest(content));
  }

  /** The same content hashed with {@code algorithm} over {@code content}. */
  public static Digest compute(DigestAlgorithm algorithm, byte[] content) {
    return of(algorithm, algorithm.newMessageDigest().digest(content));
  }

  /** The wire form, {@code algorithm:hex}. */
  @Override
  public String toString() {
    return algorithm.prefix() + ":" + hex;
  }

  @Override
  public int compareTo(Digest o) {
    int c = algorithm.compareTo(o.algorithm);
    return c != 0 ? c : hex.compareTo(o.hex);
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
