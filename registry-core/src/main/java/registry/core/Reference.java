package registry.core;

import java.util.Optional;

/**
 * What a manifest request names: a tag or a digest. A string with a {@code :} is a digest,
 * anything else a tag, since tags cannot contain one.
 */
public final class Reference {

  private final Tag tag;
  private final Digest digest;

  private Reference(Tag tag, Digest digest) {
    this.tag = tag;
    this.digest = digest;
  }

  /** A reference by tag. */
  public static Reference of(Tag tag) {
    return new Reference(tag, null);
  }

  /** A reference by digest. */
  public static Reference of(Digest digest) {
    return new Reference(null, digest);
  }

  /**
   * Parses a tag or a digest.
   *
   * @throws IllegalArgumentException when it is neither a valid tag nor a valid digest
   */
  public static Reference parse(String s) {
    if (s != null && s.indexOf(':') >= 0) {
      return of(Digest.parse(s));
    }
    return of(Tag.of(s));
  }

  /** Whether this names a digest. */
  public boolean isDigest() {
    return digest != null;
  }

  /** The tag, when this is a tag reference. */
  public Optional<Tag> tag() {
    return Optional.ofNullable(tag);
  }

  /** The digest, when this is a digest reference. */
  public Optional<Digest> digest() {
    return Optional.ofNullable(digest);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Reference r && java.util.Objects.equals(tag, r.tag)
        && java.util.Objects.equals(digest, r.digest);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(tag, digest);
  }

  /** The wire form: the tag or {@code algorithm:hex}. */
  @Override
  public String toString() {
    return tag != null ? tag.value() : digest.toString();
  }
}
