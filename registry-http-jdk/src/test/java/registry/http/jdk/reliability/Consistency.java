package registry.http.jdk.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.Manifest;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.RegistryException;
import registry.core.spi.WalkVisitor;

/**
 * Checks a registry's storage the way a user would want it after any crash or race: every tag
 * resolves to a stored manifest, every manifest revision's blobs exist and hash to their
 * digests, and every blob file's content matches the digest its path names (no partial blob).
 * Reads through the {@link Registry} API and the driver only, never the registry's internals.
 */
final class Consistency {

  private static final String REPOSITORIES = "/docker/registry/v2/repositories";
  private static final String BLOBS = "/docker/registry/v2/blobs";
  private static final String REVISION = "/_manifests/revisions/sha256/";

  /** What was checked. */
  record Report(int tags, int manifests, int blobs) {}

  private Consistency() {}

  /** Throws {@link AssertionError} naming the first inconsistency. */
  static Report check(Registry registry) throws IOException {
    int tags = 0;
    List<String[]> revisions = new ArrayList<>();
    walk(registry, REPOSITORIES, path -> {
      int at = path.indexOf(REVISION);
      if (at > 0 && path.endsWith("/link")) {
        String repo = path.substring(REPOSITORIES.length() + 1, at);
        String hex = path.substring(at + REVISION.length(), path.length() - "/link".length());
        revisions.add(new String[] {repo, "sha256:" + hex});
      }
    });
    for (String repo : registry.catalog(-1, Optional.empty()).items()) {
      Repository r = registry.repository(repo);
      for (String tag : tagsOf(r)) {
        Manifest m = r.manifests().get(Reference.parse(tag))
            .orElseThrow(() -> new AssertionError("dangling tag " + repo + ":" + tag));
        checkBlobs(r, m);
        tags++;
      }
    }
    for (String[] rev : revisions) {
      Repository r = registry.repository(rev[0]);
      Manifest m = r.manifests().get(Reference.parse(rev[1]))
          .orElseThrow(() -> new AssertionError("revision link without manifest " + rev[0] + "@" + rev[1]));
      checkBlobs(r, m);
    }
    int[] blobs = {0};
    walk(registry, BLOBS, path -> {
      if (path.endsWith("/data")) {
        String dir = path.substring(0, path.length() - "/data".length());
        Digest named = Digest.parse("sha256:" + dir.substring(dir.lastIndexOf('/') + 1));
        try (InputStream in = registry.storage().reader(path, 0)) {
          Digest actual = sha256(in);
          if (!actual.equals(named)) {
            throw new AssertionError("blob at " + path + " holds content of " + actual);
          }
        }
        blobs[0]++;
      }
    });
    return new Report(tags, revisions.size(), blobs[0]);
  }

  /** The manifest's blobs are all there and hash to their digests (also proves the manifest reads). */
  static void checkBlobs(Repository repo, Manifest manifest) throws IOException {
    for (Descriptor d : manifest.blobReferences()) {
      try (InputStream in = repo.blobs().open(d.digest(), 0)) {
        Digest actual = sha256(in);
        if (!actual.equals(d.digest())) {
          throw new AssertionError(repo.name() + ": blob " + d.digest() + " reads as " + actual);
        }
      } catch (RegistryException e) {
        throw new AssertionError(repo.name() + "@" + manifest.digest() + ": blob " + d.digest() + " missing", e);
      }
    }
  }

  static List<String> tagsOf(Repository repo) throws IOException {
    try {
      return repo.tags().list(-1, Optional.empty()).items();
    } catch (RegistryException e) {
      return List.of(); // NAME_UNKNOWN: no tag yet
    }
  }

  static Digest sha256(InputStream in) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) >= 0; ) {
        md.update(buf, 0, n);
      }
      return Digest.parse("sha256:" + HexFormat.of().formatHex(md.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface PathVisitor {
    void visit(String path) throws IOException;
  }

  private static void walk(Registry registry, String root, PathVisitor visitor) throws IOException {
    try {
      registry.storage().walk(root, entry -> {
        if (!entry.isDirectory()) {
          visitor.visit(entry.path());
        }
        return WalkVisitor.Decision.CONTINUE;
      });
    } catch (NoSuchFileException e) {
      // nothing stored yet
    }
  }
}
