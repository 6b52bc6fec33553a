package registry.http.jdk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import registry.core.Digest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Repository;

/**
 * Small valid images for the protocol tests. (registry-testkit's {@code TestImages} is richer;
 * these predate the kit, when this module could not read core's test-jar.)
 */
final class Images {

  private Images() {}

  /** Content with its digest. */
  record Blob(byte[] bytes, Digest digest) {
    static Blob of(byte[] bytes) {
      return new Blob(bytes, Digest.sha256(bytes));
    }

    static Blob random(Random random, int size) {
      byte[] b = new byte[size];
      random.nextBytes(b);
      return of(b);
    }

    String descriptor(String mediaType) {
      return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + bytes.length + "}";
    }
  }

  /** A manifest with the blobs it references. */
  record Image(List<Blob> blobs, byte[] manifest, String mediaType) {
    Digest digest() {
      return Digest.sha256(manifest);
    }

    /** Pushes the blobs in-process. */
    void pushBlobs(Repository repository) throws IOException {
      for (Blob b : blobs) {
        repository.blobs().put(new ByteArrayInputStream(b.bytes()), b.digest());
      }
    }

    /** Pushes the blobs and the manifest in-process. */
    void pushTo(Repository repository, String reference) throws IOException {
      pushBlobs(repository);
      repository.manifests().put(Reference.parse(reference), manifest, mediaType);
    }
  }

  static Image oci(Random random, int layers) {
    return image(random, layers, MediaTypes.OCI_MANIFEST, MediaTypes.OCI_CONFIG, "application/vnd.oci.image.layer.v1.tar");
  }

  static Image docker(Random random, int layers) {
    return image(random, layers, MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_CONFIG,
        "application/vnd.docker.image.rootfs.diff.tar.gzip");
  }

  private static Image image(Random random, int layerCount, String mediaType, String configType, String layerType) {
    Blob config = Blob.of(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + random.nextInt(1_000_000) + "}")
        .getBytes(StandardCharsets.UTF_8));
    List<Blob> blobs = new ArrayList<>(List.of(config));
    List<String> layers = new ArrayList<>();
    for (int i = 0; i < layerCount; i++) {
      Blob layer = Blob.random(random, 100);
      blobs.add(layer);
      layers.add(layer.descriptor(layerType));
    }
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",\"config\":" + config.descriptor(configType)
        + ",\"layers\":[" + String.join(",", layers) + "]}";
    return new Image(blobs, json.getBytes(StandardCharsets.UTF_8), mediaType);
  }

  /** An artifact (empty config, one layer) whose subject is {@code subject}. */
  static Image artifact(Random random, String artifactType, Digest subject, long subjectSize) {
    Blob config = Blob.of("{}".getBytes(StandardCharsets.UTF_8));
    Blob layer = Blob.random(random, 64);
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\""
        + artifactType + "\",\"config\":" + config.descriptor(MediaTypes.OCI_EMPTY) + ",\"layers\":["
        + layer.descriptor("application/octet-stream") + "],\"subject\":{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"digest\":\"" + subject + "\",\"size\":" + subjectSize + "}}";
    return new Image(List.of(config, layer), json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
  }

  /** An OCI index of the given manifests. */
  static byte[] index(List<Image> images) {
    List<String> entries = new ArrayList<>();
    for (Image im : images) {
      entries.add("{\"mediaType\":\"" + im.mediaType() + "\",\"digest\":\"" + im.digest() + "\",\"size\":"
          + im.manifest().length + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}");
    }
    return ("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
        + String.join(",", entries) + "]}").getBytes(StandardCharsets.UTF_8);
  }
}
