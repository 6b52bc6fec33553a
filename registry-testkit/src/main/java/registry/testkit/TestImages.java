package registry.testkit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import registry.core.Digest;
import registry.core.Manifest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.Repository;

/** Builds small, valid images for tests: random layers, a config, and their manifest JSON. */
public final class TestImages {

  private TestImages() {}

  /** Content with its digest. */
  public record Blob(byte[] bytes, Digest digest) {
    /** {@code bytes} with their sha256 digest. */
    public static Blob of(byte[] bytes) {
      return new Blob(bytes, Digest.sha256(bytes));
    }

    /** {@code size} random bytes. */
    public static Blob random(Random random, int size) {
      byte[] b = new byte[size];
      random.nextBytes(b);
      return of(b);
    }

    /** The OCI descriptor of this blob as JSON, with {@code mediaType}. */
    public String descriptorJson(String mediaType) {
      return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + bytes.length + "}";
    }
  }

  /** An image manifest with its config and layers. */
  public record Image(Blob config, List<Blob> layers, byte[] manifest, String mediaType) {

    /** The digest of the manifest's bytes. */
    public Digest digest() {
      return Digest.sha256(manifest);
    }

    /** Pushes the blobs and then the manifest under {@code reference}. */
    public Manifest pushTo(Repository repository, String reference) throws IOException {
      repository.blobs().put(new ByteArrayInputStream(config.bytes()), config.digest());
      for (Blob layer : layers) {
        repository.blobs().put(new ByteArrayInputStream(layer.bytes()), layer.digest());
      }
      return repository.manifests().put(Reference.parse(reference), manifest, mediaType);
    }
  }

  /** An OCI image of {@code layerCount} random layers of {@code layerSize} bytes. */
  public static Image ociImage(Random random, int layerCount, int layerSize) {
    return ociImage(random, layerCount, layerSize, null);
  }

  /** An OCI image whose manifest has a subject (a referrer) when {@code subject} is not null. */
  public static Image ociImage(Random random, int layerCount, int layerSize, String subjectDescriptorJson) {
    Blob config = Blob.of(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]},\"n\":"
        + random.nextInt(1_000_000) + "}").getBytes(StandardCharsets.UTF_8));
    List<Blob> layers = new ArrayList<>();
    for (int i = 0; i < layerCount; i++) {
      layers.add(Blob.random(random, layerSize));
    }
    return new Image(config, layers, manifestJson(MediaTypes.OCI_MANIFEST, config, layers, subjectDescriptorJson, null),
        MediaTypes.OCI_MANIFEST);
  }

  /** An OCI image of the given config and layers, such as layers other images share. */
  public static Image ociImage(Blob config, List<Blob> layers) {
    return new Image(config, List.copyOf(layers), manifestJson(MediaTypes.OCI_MANIFEST, config, layers, null, null),
        MediaTypes.OCI_MANIFEST);
  }

  /** A Docker schema 2 image. */
  public static Image dockerImage(Random random, int layerCount, int layerSize) {
    Blob config = Blob.of(("{\"architecture\":\"arm64\",\"os\":\"linux\",\"n\":" + random.nextInt(1_000_000) + "}")
        .getBytes(StandardCharsets.UTF_8));
    List<Blob> layers = new ArrayList<>();
    for (int i = 0; i < layerCount; i++) {
      layers.add(Blob.random(random, layerSize));
    }
    return new Image(config, layers, manifestJson(MediaTypes.DOCKER_MANIFEST, config, layers, null, null),
        MediaTypes.DOCKER_MANIFEST);
  }

  /** An artifact manifest (OCI manifest with artifactType, empty config) referring to {@code subject}. */
  public static Image artifact(Random random, String artifactType, Digest subject, long subjectSize) {
    Blob config = Blob.of("{}".getBytes(StandardCharsets.UTF_8));
    Blob layer = Blob.random(random, 64);
    String subjectJson = "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + subject + "\",\"size\":" + subjectSize + "}";
    String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"artifactType\":\"" + artifactType
        + "\",\"config\":" + config.descriptorJson(MediaTypes.OCI_EMPTY) + ",\"layers\":["
        + layer.descriptorJson("application/octet-stream") + "],\"subject\":" + subjectJson + "}";
    return new Image(config, List.of(layer), json.getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
  }

  /** An OCI index of the given manifests. */
  public static byte[] index(List<Image> images) {
    StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[");
    for (int i = 0; i < images.size(); i++) {
      Image im = images.get(i);
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"mediaType\":\"").append(im.mediaType()).append("\",\"digest\":\"").append(im.digest())
          .append("\",\"size\":").append(im.manifest().length)
          .append(",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}");
    }
    return sb.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] manifestJson(String mediaType, Blob config, List<Blob> layers, String subject, String artifactType) {
    boolean oci = mediaType.equals(MediaTypes.OCI_MANIFEST);
    StringBuilder sb = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + mediaType + "\",");
    if (artifactType != null) {
      sb.append("\"artifactType\":\"").append(artifactType).append("\",");
    }
    sb.append("\"config\":").append(config.descriptorJson(oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG));
    sb.append(",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(layers.get(i).descriptorJson(oci ? "application/vnd.oci.image.layer.v1.tar+gzip"
          : "application/vnd.docker.image.rootfs.diff.tar.gzip"));
    }
    sb.append(']');
    if (subject != null) {
      sb.append(",\"subject\":").append(subject);
    }
    return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }
}
