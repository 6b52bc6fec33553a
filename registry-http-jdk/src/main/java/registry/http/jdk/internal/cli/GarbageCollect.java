package registry.http.jdk.internal.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import registry.core.BlobInfo;
import registry.core.Registry;
import registry.core.gc.GcOptions;
import registry.core.gc.GcReport;
import registry.http.jdk.internal.config.Config;
import registry.http.jdk.internal.config.Durations;

/**
 * {@code garbage-collect [--dry-run|-d] [--delete-untagged|-m] [--grace-period DURATION] [--lenient] config.yml},
 * as {@code registry:2}'s: one line per deletion candidate, then a summary. Unlike distribution's,
 * it may run while a registry serves the same storage: nothing younger than the grace period goes.
 */
final class GarbageCollect {

  private GarbageCollect() {}

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err)
      throws UsageException, IOException {
    boolean dryRun = false;
    boolean deleteUntagged = false;
    boolean lenient = false;
    Duration grace = GcOptions.DEFAULT_GRACE_PERIOD;
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-d") || a.equals("--dry-run")) {
        dryRun = true;
      } else if (a.equals("-m") || a.equals("--delete-untagged")) {
        deleteUntagged = true;
      } else if (a.equals(Setup.LENIENT)) {
        lenient = true;
      } else if (a.equals("--grace-period") || a.startsWith("--grace-period=")) {
        String value;
        if (a.startsWith("--grace-period=")) {
          value = a.substring("--grace-period=".length());
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          throw new UsageException("--grace-period needs a duration, such as 1h, 30m or 0");
        }
        try {
          grace = Durations.parse(value);
        } catch (IllegalArgumentException e) {
          throw new UsageException("--grace-period: " + e.getMessage());
        }
      } else if (a.startsWith("-")) {
        throw new UsageException("garbage-collect: unknown option " + a);
      } else {
        files.add(a);
      }
    }
    if (files.size() != 1) {
      throw new UsageException("usage: garbage-collect [--dry-run|-d] [--delete-untagged|-m]"
          + " [--grace-period DURATION] [--lenient] config.yml");
    }
    Config config = Setup.config(Optional.of(Path.of(files.get(0))), env, lenient, err);
    Config.UploadPurging purging = config.storage().uploadPurging();
    GcOptions options = GcOptions.builder().dryRun(dryRun).deleteUntagged(deleteUntagged).gracePeriod(grace)
        .purgeUploads(purging.enabled()).uploadMaxAge(purging.age())
        .build();
    // Never read-only here: distribution's advice is to collect while the server is read-only.
    try (Registry registry = Registry.builder().storage(Setup.storage(config.storage())).deleteEnabled(true).build()) {
      print(registry.collectGarbage(options), out);
    }
    return 0;
  }

  private static void print(GcReport report, PrintStream out) {
    boolean dry = report.dryRun();
    for (GcReport.DeletedManifest m : report.deletedManifests()) {
      out.println((dry ? "manifest eligible for deletion: " : "deleted manifest: ") + m.digest() + " (" + m.repository() + ")");
    }
    for (BlobInfo b : report.deletedBlobs()) {
      out.println((dry ? "blob eligible for deletion: " : "deleted blob: ") + b.digest() + " (" + b.size() + " bytes)");
    }
    for (GcReport.PurgedUpload u : report.purgedUploads()) {
      out.println((dry ? "upload eligible for purging: " : "purged upload: ") + u.id() + " (" + u.repository() + ")");
    }
    out.println(report.summary());
  }
}
