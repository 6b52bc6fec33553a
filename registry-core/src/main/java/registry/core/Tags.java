package registry.core;

import java.io.IOException;
import java.util.Optional;

/** The tags of one repository. */
public interface Tags {

  /**
   * A page of tags in lexical order.
   *
   * @param n the most tags to return (a negative value means all)
   * @param last return only tags after this one
   * @throws RegistryException {@link ErrorCode#NAME_UNKNOWN} when the repository does not exist
   */
  Page<String> list(int n, Optional<String> last) throws IOException;

  /** The digest a tag points at, if the tag exists. */
  Optional<Digest> resolve(Tag tag) throws IOException;
}
