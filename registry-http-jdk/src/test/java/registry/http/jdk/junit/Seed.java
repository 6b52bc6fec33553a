package registry.http.jdk.junit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import registry.core.Digest;
import registry.core.Manifest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Repository;

/** Pushes a tiny valid image in-process. */
final class Seed {

  private Seed() {}

  static Manifest image(Repository repository, String tag) throws IOException {
    byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\"}".getBytes(StandardCharsets.UTF_8);
    Digest configDigest = Digest.sha256(config);
    repository.blobs().put(new ByteArrayInputStream(config), configDigest);
    String manifest = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
        + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + configDigest + "\",\"size\":" + config.length + "},\"layers\":[]}";
    return repository.manifests().put(Reference.parse(tag), manifest.getBytes(StandardCharsets.UTF_8),
        MediaTypes.OCI_MANIFEST);
  }
}
