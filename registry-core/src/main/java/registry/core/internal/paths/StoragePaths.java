package registry.core.internal.paths;

import registry.core.Digest;
import registry.core.RepositoryName;
import registry.core.internal.paths.PathSpec.BlobData;
import registry.core.internal.paths.PathSpec.BlobDir;
import registry.core.internal.paths.PathSpec.BlobsRoot;
import registry.core.internal.paths.PathSpec.LayerDir;
import registry.core.internal.paths.PathSpec.LayerLink;
import registry.core.internal.paths.PathSpec.LayersRoot;
import registry.core.internal.paths.PathSpec.ManifestsRoot;
import registry.core.internal.paths.PathSpec.ReferrerLink;
import registry.core.internal.paths.PathSpec.ReferrersDir;
import registry.core.internal.paths.PathSpec.RepositoriesRoot;
import registry.core.internal.paths.PathSpec.RepositoryRoot;
import registry.core.internal.paths.PathSpec.RevisionDir;
import registry.core.internal.paths.PathSpec.RevisionLink;
import registry.core.internal.paths.PathSpec.RevisionsRoot;
import registry.core.internal.paths.PathSpec.TagCurrentLink;
import registry.core.internal.paths.PathSpec.TagDir;
import registry.core.internal.paths.PathSpec.TagIndexLink;
import registry.core.internal.paths.PathSpec.TagIndexRoot;
import registry.core.internal.paths.PathSpec.TagsRoot;
import registry.core.internal.paths.PathSpec.UploadData;
import registry.core.internal.paths.PathSpec.UploadDir;
import registry.core.internal.paths.PathSpec.UploadStartedAt;
import registry.core.internal.paths.PathSpec.UploadsRoot;

/**
 * Distribution's v2 storage layout, byte for byte, so that a directory or bucket written by
 * {@code registry:2} is served as it is, and the other way round:
 *
 * <pre>
 * /docker/registry/v2/
 *   blobs/&lt;alg&gt;/&lt;hex[0:2]&gt;/&lt;hex&gt;/data
 *   repositories/&lt;name&gt;/
 *     _layers/&lt;alg&gt;/&lt;hex&gt;/link
 *     _manifests/revisions/&lt;alg&gt;/&lt;hex&gt;/link
 *     _manifests/tags/&lt;tag&gt;/current/link
 *     _manifests/tags/&lt;tag&gt;/index/&lt;alg&gt;/&lt;hex&gt;/link
 *     _uploads/&lt;id&gt;/{data,startedat}
 *     _referrers/&lt;alg&gt;/&lt;hex&gt;/&lt;alg&gt;/&lt;hex&gt;/link   (ours)
 * </pre>
 *
 * A link file holds the digest as {@code alg:hex}, without a newline.
 *
 * <p>Not to be confused with the OCI image layout ({@code registry.core.layout}): these are
 * the paths a storage driver sees.
 */
public final class StoragePaths {

  /** Where distribution keeps everything under the driver's root. */
  public static final String ROOT = "/docker/registry/v2";

  private static final String REPOSITORIES = ROOT + "/repositories";

  private StoragePaths() {}

  /** The storage path of a spec. */
  public static String pathFor(PathSpec spec) {
    if (spec instanceof BlobData s) {
      return blobDir(s.digest()) + "/data";
    } else if (spec instanceof BlobDir s) {
      return blobDir(s.digest());
    } else if (spec instanceof BlobsRoot) {
      return ROOT + "/blobs";
    } else if (spec instanceof RepositoriesRoot) {
      return REPOSITORIES;
    } else if (spec instanceof RepositoryRoot s) {
      return repo(s.name());
    } else if (spec instanceof LayerLink s) {
      return repo(s.name()) + "/_layers/" + digestDir(s.digest()) + "/link";
    } else if (spec instanceof LayerDir s) {
      return repo(s.name()) + "/_layers/" + digestDir(s.digest());
    } else if (spec instanceof LayersRoot s) {
      return repo(s.name()) + "/_layers";
    } else if (spec instanceof ManifestsRoot s) {
      return repo(s.name()) + "/_manifests";
    } else if (spec instanceof RevisionsRoot s) {
      return repo(s.name()) + "/_manifests/revisions";
    } else if (spec instanceof RevisionLink s) {
      return repo(s.name()) + "/_manifests/revisions/" + digestDir(s.digest()) + "/link";
    } else if (spec instanceof RevisionDir s) {
      return repo(s.name()) + "/_manifests/revisions/" + digestDir(s.digest());
    } else if (spec instanceof TagsRoot s) {
      return repo(s.name()) + "/_manifests/tags";
    } else if (spec instanceof TagDir s) {
      return repo(s.name()) + "/_manifests/tags/" + s.tag().value();
    } else if (spec instanceof TagCurrentLink s) {
      return repo(s.name()) + "/_manifests/tags/" + s.tag().value() + "/current/link";
    } else if (spec instanceof TagIndexLink s) {
      return repo(s.name()) + "/_manifests/tags/" + s.tag().value() + "/index/" + digestDir(s.digest()) + "/link";
    } else if (spec instanceof PathSpec.TagIndexEntry s) {
      return repo(s.name()) + "/_manifests/tags/" + s.tag().value() + "/index/" + digestDir(s.digest());
    } else if (spec instanceof TagIndexRoot s) {
      return repo(s.name()) + "/_manifests/tags/" + s.tag().value() + "/index";
    } else if (spec instanceof UploadsRoot s) {
      return repo(s.name()) + "/_uploads";
    } else if (spec instanceof UploadDir s) {
      return repo(s.name()) + "/_uploads/" + s.id();
    } else if (spec instanceof UploadData s) {
      return repo(s.name()) + "/_uploads/" + s.id() + "/data";
    } else if (spec instanceof UploadStartedAt s) {
      return repo(s.name()) + "/_uploads/" + s.id() + "/startedat";
    } else if (spec instanceof ReferrersDir s) {
      return repo(s.name()) + "/_referrers/" + digestDir(s.subject());
    } else if (spec instanceof PathSpec.ReferrerEntry s) {
      return repo(s.name()) + "/_referrers/" + digestDir(s.subject()) + "/" + digestDir(s.referrer());
    } else if (spec instanceof ReferrerLink s) {
      return repo(s.name()) + "/_referrers/" + digestDir(s.subject()) + "/" + digestDir(s.referrer()) + "/link";
    }
    throw new IllegalArgumentException("unknown path spec " + spec);
  }

  /** The link file content for a digest. */
  public static byte[] linkContent(Digest digest) {
    return digest.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** The repository name of a path directly under {@code repositories/}, e.g. for catalog walks. */
  public static String repositoryNameOf(String repositoryPath) {
    if (!repositoryPath.startsWith(REPOSITORIES + "/")) {
      throw new IllegalArgumentException(repositoryPath + " is not under " + REPOSITORIES);
    }
    return repositoryPath.substring(REPOSITORIES.length() + 1);
  }

  private static String repo(RepositoryName name) {
    return REPOSITORIES + "/" + name.value();
  }

  private static String blobDir(Digest d) {
    return ROOT + "/blobs/" + d.algorithm().prefix() + "/" + d.hex().substring(0, 2) + "/" + d.hex();
  }

  private static String digestDir(Digest d) {
    return d.algorithm().prefix() + "/" + d.hex();
  }
}
