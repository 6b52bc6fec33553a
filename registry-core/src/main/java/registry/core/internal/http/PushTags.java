package registry.core.internal.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import registry.core.ErrorCode;
import registry.core.RegistryException;
import registry.core.Tag;

/**
 * The tags of a manifest push ({@code ?tag=a&tag=b}), read before the body so that a bad one
 * refuses the push before anything is stored.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-manifests">OCI distribution spec, pushing manifests</a>
 */
final class PushTags {

  /**
   * The most tags one push may carry. The spec asks registries to take at least 10; a bound
   * keeps the links one request writes (two per tag) and must undo on failure small.
   */
  static final int MAX = 16;

  private PushTags() {}

  /** The distinct tags asked for, in the order sent; the same tag twice counts once. */
  static List<Tag> of(Call call) {
    Set<String> values = new LinkedHashSet<>(call.queryAll("tag"));
    if (values.size() > MAX) {
      throw new RegistryException(ErrorCode.TOO_MANY_TAGS,
          values.size() + " tags in one push; this registry takes at most " + MAX);
    }
    List<Tag> tags = new ArrayList<>(values.size());
    for (String value : values) {
      if (!Tag.isValid(value)) {
        throw invalid(ErrorCode.TAG_INVALID, value);
      }
      tags.add(Tag.of(value));
    }
    return tags;
  }

  /** The error for a malformed tag, quoting it cut short. */
  static RegistryException invalid(ErrorCode code, String value) {
    return new RegistryException(code, "invalid tag '" + (value.length() > 140 ? value.substring(0, 140) + "..." : value)
        + "': expected [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}");
  }
}
