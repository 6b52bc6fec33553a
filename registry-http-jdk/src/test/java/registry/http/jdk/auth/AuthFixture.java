package registry.http.jdk.auth;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.RegistryImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import registry.core.storage.InMemoryStorageDriver;
import registry.testkit.TestImages;
import registry.http.jdk.RegistryServer;

/**
 * What the access-control ITs share: users alice, bob and jenkins (each with the password
 * {@code <name>-pw}) in an htpasswd file written by the {@code htpasswd} tool, an HTTPS
 * certificate for 127.0.0.1 and the directory skopeo trusts it from, and HTTPS servers over that
 * certificate seeded with one image in each of {@link #REPOSITORIES}.
 *
 * @param dir where its files are
 * @param users the htpasswd file
 * @param pki the server's certificate
 * @param certDir the certificate as {@code ca.crt}, for skopeo's {@code --cert-dir}
 */
public record AuthFixture(Path dir, Path users, TestPki pki, Path certDir) {

  /** The repositories a served registry starts with, each holding tag {@code 1}. */
  static final List<String> REPOSITORIES = List.of("public/a", "team/app", "bob/x", "alice/y");

  public static AuthFixture create(Path dir) throws Exception {
    Path file = dir.resolve("htpasswd");
    Command htpasswd = Command.htpasswd(dir);
    htpasswd.run("-B", "-b", "-c", file.toString(), "alice", "alice-pw").ok();
    for (String user : List.of("bob", "jenkins")) {
      htpasswd.run("-B", "-b", file.toString(), user, user + "-pw").ok();
    }
    TestPki pki = TestPki.create(dir.resolve("pki"), "server", "EC");
    return new AuthFixture(dir, file, pki, certDir(dir.resolve("certs"), pki));
  }

  /** A directory holding {@code pki}'s certificate as {@code ca.crt}, where skopeo's {@code --cert-dir} looks. */
  static Path certDir(Path dir, TestPki pki) throws IOException {
    Files.createDirectories(dir);
    Files.copy(pki.cert(), dir.resolve("ca.crt"));
    return dir;
  }

  /** A started HTTPS server with the access control {@code access} sets, seeded from {@code seed}. */
  public RegistryServer serve(UnaryOperator<RegistryServer.Builder> access, long seed) throws Exception {
    RegistryServer server = access.apply(RegistryServer.builder()
        .storage(new InMemoryStorageDriver())
        .tls(pki.serverContext()))
        .build().start();
    Random random = new Random(seed);
    for (String name : REPOSITORIES) {
      TestImages.ociImage(random, 1, 100).pushTo(server.registry().repository(name), "1");
    }
    return server;
  }

  /** A client of {@code server} that trusts its certificate. */
  Client client(RegistryServer server) throws Exception {
    return new Client(server.uri(), pki.clientContext());
  }

  /** Where Jib pushes {@code reference} as {@code user}, with its caches under this fixture's directory. */
  Containerizer jibTarget(String reference, String user, String password) throws InvalidImageReferenceException {
    return Containerizer.to(RegistryImage.named(reference).addCredential(user, password))
        .setAllowInsecureRegistries(true)
        .setBaseImageLayersCache(dir.resolve("jib-base-cache"))
        .setApplicationLayersCache(dir.resolve("jib-app-cache"))
        .setToolName("registry-tests");
  }
}
