package registry.http.jdk.junit;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import registry.core.Digest;

/** Builds a one-file image from scratch with Jib (a real client) and pushes it. */
final class JibPush {

  private JibPush() {}

  /**
   * Pushes an OCI image holding one small file to {@code reference} (such as
   * {@code 127.0.0.1:41234/team/app:1}), with caches under {@code work}.
   *
   * @return the digest of the pushed manifest
   */
  static Digest push(String reference, Path work, String content) throws Exception {
    Path file = Files.writeString(Files.createTempFile(work, "app", ".txt"), content, StandardCharsets.UTF_8);
    JibContainer container = Jib.fromScratch()
        .setFormat(ImageFormat.OCI)
        .addLayer(List.of(file), AbsoluteUnixPath.get("/app"))
        .setEntrypoint("/app/" + file.getFileName())
        .containerize(Containerizer.to(RegistryImage.named(reference))
            .setAllowInsecureRegistries(true)
            .setBaseImageLayersCache(work.resolve("base-cache"))
            .setApplicationLayersCache(work.resolve("app-cache")));
    return Digest.parse(container.getDigest().toString());
  }
}
