package registry.http.jdk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import registry.core.Registry;
import registry.core.Repository;

/** What the protocol cases share: the server under test, a client, and seeding helpers. */
interface ProtocolSupport {

  /** The manifest size cap of the server under test, small so the cap is cheap to test. */
  int MAX_MANIFEST = 64 * 1024;

  /** A digest that is well-formed and names nothing. */
  String ABSENT = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

  /** The client for the server under test. */
  Http http();

  /** The server under test. */
  RegistryServer server();

  /** A client for a second server over the same storage with other registry settings. */
  Http variant(Registry.Builder settings);

  default Repository repo(String name) {
    return server().registry().repository(name);
  }

  /** A random blob pushed in-process into {@code name}. */
  default Images.Blob seedBlob(String name, int size) {
    Images.Blob blob = Images.Blob.random(new Random(size * 31L + name.hashCode()), size);
    try {
      repo(name).blobs().put(new ByteArrayInputStream(blob.bytes()), blob.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return blob;
  }

  /** An OCI image whose blobs are pushed in-process into {@code name} (the manifest is not). */
  default Images.Image seedImageBlobs(String name, long seed) {
    Images.Image image = Images.oci(new Random(seed), 2);
    seedBlobsOf(name, image);
    return image;
  }

  default void seedBlobsOf(String name, Images.Image image) {
    try {
      image.pushBlobs(repo(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The full URL the server should hand out for a path. */
  default String url(String path) {
    return server().uri() + path;
  }
}
