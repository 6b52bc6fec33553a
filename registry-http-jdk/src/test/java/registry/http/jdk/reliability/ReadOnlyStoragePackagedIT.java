package registry.http.jdk.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server started on a data directory it cannot write (a read-only mount, which
 * stops root too): it says so at start, before the first push fails, serves anyway (pulls work),
 * and answers pushes with {@code 503 UNAVAILABLE}.
 */
class ReadOnlyStoragePackagedIT {

  @TempDir
  Path tmp;

  @Test
  void warnsAtStartThatTheStorageIsNotWritable() throws Exception {
    Path disk = Files.createDirectories(tmp.resolve("disk"));
    Mounts.tmpfs(disk, "1m");
    Process[] server = new Process[1];
    try {
      Path data = Files.createDirectories(disk.resolve("data"));
      Mounts.remountReadOnly(disk);
      Path config = Files.writeString(tmp.resolve("config.yml"), String.join("\n",
          "storage:", "  filesystem:", "    rootdirectory: " + data, "http:", "  addr: 127.0.0.1:0", ""));
      Path log = tmp.resolve("server.log");
      URI base = ServerProcess.serve(tmp, config, log, server);
      assertThat(Files.readString(log)).contains("WARNING", "storage root " + data + " is not writable");

      HttpResponse<String> push = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          base.resolve("/v2/team/app/blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(push.statusCode()).as(push.body()).isEqualTo(503);
      assertThat(push.body()).contains("\"UNAVAILABLE\"", "the storage refuses writes");
    } finally {
      if (server[0] != null) {
        ServerProcess.kill(server[0]);
      }
      Mounts.unmount(disk);
    }
  }
}
