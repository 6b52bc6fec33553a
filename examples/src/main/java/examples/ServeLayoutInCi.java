package examples;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import registry.core.Manifest;
import registry.core.Registry;
import registry.core.layout.OciLayout;
import registry.core.storage.InMemoryStorageDriver;
import registry.http.jdk.RegistryServer;

/**
 * A CI step that serves an image built earlier in the pipeline, without Docker: it imports the
 * OCI layout the build wrote ({@code skopeo copy ... oci-archive:app.tar}, {@code docker save},
 * {@code oras}, Jib's tar) into an in-memory registry and serves it, read-only, on loopback, so
 * that later steps (a scanner, a Kubernetes-in-Docker test, {@code skopeo inspect}) can pull it.
 *
 * <pre>
 * java examples.ServeLayoutInCi build/app.tar team/app:1 5000
 * # prints 127.0.0.1:5000/team/app:1 and serves until stopped
 * </pre>
 */
public final class ServeLayoutInCi {

  private ServeLayoutInCi() {}

  /** {@code <layout dir or tar> <repository:tag> [port]}: serves until the process is stopped. */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ServeLayoutInCi <layout dir or tar> <repository:tag> [port]");
      System.exit(2);
    }
    int port = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
    RegistryServer server = serve(Path.of(args[0]), args[1],
        new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println(server.hostAndPort() + "/" + args[1]);
    Thread.currentThread().join();
  }

  /**
   * Imports the layout as {@code image} ({@code repository:tag}) and starts a read-only server
   * for it on {@code address} (port 0: any free port).
   */
  public static RegistryServer serve(Path layout, String image, InetSocketAddress address) throws IOException {
    int colon = image.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("expected repository:tag, got " + image);
    }
    Registry registry = Registry.builder().storage(new InMemoryStorageDriver()).build();
    Manifest imported = OciLayout.importInto(registry.repository(image.substring(0, colon)), layout,
        image.substring(colon + 1), (blob, copied, total) -> {
          if (copied == total) {
            System.err.printf("imported %s (%,d bytes)%n", blob.digest(), total);
          }
        });
    System.err.println("serving " + image + " as " + imported.digest());
    // The same storage, read-only: later steps pull, nobody overwrites what the build made.
    Registry readOnly = registry.toBuilder().readOnly(true).build();
    return RegistryServer.builder().registry(readOnly).address(address).build().start();
  }
}
