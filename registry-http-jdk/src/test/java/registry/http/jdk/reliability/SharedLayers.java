package registry.http.jdk.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import registry.core.MediaTypes;
import registry.testkit.TestImages.Blob;
import registry.testkit.TestImages.Image;

/**
 * Images built over one pool of layers, so that pushes race on the same blobs as real images
 * do on a shared base layer. (TestImages makes every layer fresh.)
 */
final class SharedLayers {

  private SharedLayers() {}

  /** {@code count} OCI images, each of 2 to 4 layers drawn from {@code pool}, with a config of its own. */
  static List<Image> images(Random random, List<Blob> pool, int count) {
    List<Image> images = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<Blob> mine = new ArrayList<>(pool);
      Collections.shuffle(mine, random);
      images.add(oci(random, mine.subList(0, 2 + random.nextInt(Math.min(3, pool.size() - 1)))));
    }
    return images;
  }

  /** A pool of random layers of {@code min} to {@code max} bytes. */
  static List<Blob> pool(Random random, int count, int min, int max) {
    List<Blob> pool = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      pool.add(Blob.random(random, min + random.nextInt(max - min + 1)));
    }
    return pool;
  }

  static Image oci(Random random, List<Blob> layers) {
    Blob config = Blob.of(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + random.nextLong() + "}")
        .getBytes(StandardCharsets.UTF_8));
    StringBuilder json = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST
        + "\",\"config\":" + config.descriptorJson(MediaTypes.OCI_CONFIG) + ",\"layers\":[");
    for (int i = 0; i < layers.size(); i++) {
      json.append(i > 0 ? "," : "").append(layers.get(i).descriptorJson("application/vnd.oci.image.layer.v1.tar+gzip"));
    }
    json.append("]}");
    return new Image(config, List.copyOf(layers), json.toString().getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_MANIFEST);
  }
}
