package registry.core.internal.service;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import registry.core.Page;
import registry.core.internal.paths.PathSpec;
import registry.core.internal.paths.StoragePaths;
import registry.core.spi.WalkVisitor;

/**
 * The list of repositories: directories under {@code repositories/} that hold a
 * {@code _manifests} directory, found as distribution finds them.
 */
public final class CatalogService {

  private final RegistryContext context;

  /** A catalog over the registry's storage. */
  public CatalogService(RegistryContext context) {
    this.context = context;
  }

  /** A sorted page of repository names. */
  public Page<String> list(int n, Optional<String> last) throws IOException {
    return Pages.of(all(), n, last);
  }

  private List<String> all() throws IOException {
    String root = StoragePaths.pathFor(new PathSpec.RepositoriesRoot());
    List<String> names = new ArrayList<>();
    try {
      context.storage().walk(root, entry -> {
        if (!entry.isDirectory()) {
          return WalkVisitor.Decision.SKIP_SUBTREE;
        }
        String component = StoredManifests.lastComponent(entry.path());
        if (component.equals("_manifests")) {
          names.add(StoragePaths.repositoryNameOf(entry.path().substring(0, entry.path().length() - "/_manifests".length())));
          return WalkVisitor.Decision.SKIP_SUBTREE;
        }
        return component.startsWith("_") ? WalkVisitor.Decision.SKIP_SUBTREE : WalkVisitor.Decision.CONTINUE;
      });
    } catch (NoSuchFileException e) {
      return names;
    }
    return names;
  }
}
