package registry.core.internal.service;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.Page;
import registry.core.RegistryException;
import registry.core.RepositoryName;
import registry.core.Tag;
import registry.core.Tags;
import registry.core.internal.paths.PathSpec;
import registry.core.internal.paths.StoragePaths;

/** A repository's tags: the directories under {@code _manifests/tags}. */
final class StoredTags implements Tags {

  private final RegistryContext context;
  private final RepositoryName name;

  StoredTags(RegistryContext context, RepositoryName name) {
    this.context = context;
    this.name = name;
  }

  @Override
  public Page<String> list(int n, Optional<String> last) throws IOException {
    List<String> dirs;
    try {
      dirs = context.storage().list(StoragePaths.pathFor(new PathSpec.TagsRoot(name)));
    } catch (NoSuchFileException e) {
      try {
        context.storage().stat(StoragePaths.pathFor(new PathSpec.RepositoryRoot(name)));
      } catch (NoSuchFileException missing) {
        throw new RegistryException(ErrorCode.NAME_UNKNOWN, "repository " + name + " is not known");
      }
      dirs = List.of();
    }
    List<String> names = new ArrayList<>(dirs.size());
    for (String dir : dirs) {
      String tag = StoredManifests.lastComponent(dir);
      if (Tag.isValid(tag)) {
        names.add(tag);
      }
    }
    Collections.sort(names);
    int from = 0;
    if (last.isPresent()) {
      int i = Collections.binarySearch(names, last.get());
      from = i >= 0 ? i + 1 : -i - 1;
    }
    // A crash in the middle of a tag's first put can leave its directory without the link:
    // such a tag does not exist, and listing it would name something that answers 404. Only
    // the tags of this page (and the one that proves a next page) are checked.
    List<String> page = new ArrayList<>();
    boolean more = false;
    for (int i = from; i < names.size(); i++) {
      if (!context.links().exists(new PathSpec.TagCurrentLink(name, Tag.of(names.get(i))))) {
        continue;
      }
      if (n >= 0 && page.size() == n) {
        more = true;
        break;
      }
      page.add(names.get(i));
    }
    return new Page<>(page, more);
  }

  @Override
  public Optional<Digest> resolve(Tag tag) throws IOException {
    return context.links().read(new PathSpec.TagCurrentLink(name, tag));
  }
}
