package registry.core.internal.ocilayout;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.Manifest;
import registry.core.Reference;
import registry.core.RegistryException;
import registry.core.Repository;
import registry.core.layout.Progress;

/**
 * Writes one manifest of a repository, with every manifest and blob it reaches, as an OCI image
 * layout. Every byte is checked against its digest on the way out.
 */
public final class LayoutExporter {

  private final Repository repository;
  private final Progress progress;
  /** Manifests top-down (the order a streaming reader of the tar can use), each once. */
  private final Map<Digest, Manifest> manifests = new LinkedHashMap<>();
  private final Map<Digest, Descriptor> blobs = new LinkedHashMap<>();

  private LayoutExporter(Repository repository, Progress progress) {
    this.repository = repository;
    this.progress = progress;
  }

  /** Whether a path names a tar ({@code .tar}, {@code .tar.gz}, {@code .tgz}) rather than a directory. */
  public static boolean isTar(Path target) {
    String name = target.getFileName() == null ? "" : target.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".tar") || isGzip(name);
  }

  private static boolean isGzip(String name) {
    return name.endsWith(".tar.gz") || name.endsWith(".tgz");
  }

  /** Exports to a directory, or to a tar file written aside and renamed into place when done. */
  public static Manifest toPath(Repository repository, Reference reference, Path target, Progress progress)
      throws IOException {
    if (!isTar(target)) {
      return new LayoutExporter(repository, progress).run(reference, new DirectorySink(target));
    }
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, ".partial-", ".tar");
    try {
      Manifest top;
      try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), 64 * 1024);
           OutputStream out = isGzip(target.getFileName().toString().toLowerCase(Locale.ROOT))
               ? new GZIPOutputStream(file, 64 * 1024) : file) {
        top = toStream(repository, reference, out, progress);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return top;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Exports as a tar written to {@code out}, which is flushed but not closed. */
  public static Manifest toStream(Repository repository, Reference reference, OutputStream out, Progress progress)
      throws IOException {
    return new LayoutExporter(repository, progress).run(reference, new TarSink(out));
  }

  private Manifest run(Reference reference, LayoutSink sink) throws IOException {
    Manifest top = get(reference);
    collect(top);
    String tag = reference.tag().map(t -> t.value()).orElse(null);
    sink.begin(LayoutFiles.entry(Descriptor.of(top.mediaType(), top.digest(), top.size()), tag), tag);
    for (Manifest m : manifests.values()) {
      if (!sink.has(m.digest(), m.size())) {
        sink.blob(m.digest(), m.size(), m.openStream());
      }
      progress.update(m.descriptor(), m.size(), m.size());
    }
    for (Descriptor blob : blobs.values()) {
      if (sink.has(blob.digest(), blob.size())) {
        progress.update(blob, blob.size(), blob.size());
        continue;
      }
      try (ProgressStream in = new ProgressStream(repository.blobs().open(blob.digest(), 0), blob, progress)) {
        sink.blob(blob.digest(), blob.size(), in);
        in.finish();
      }
    }
    sink.commit();
    return top;
  }

  private void collect(Manifest top) throws IOException {
    List<Manifest> pending = new ArrayList<>(List.of(top));
    while (!pending.isEmpty()) {
      Manifest m = pending.remove(0);
      if (manifests.putIfAbsent(m.digest(), m) != null) {
        continue;
      }
      for (Descriptor child : m.manifests()) {
        pending.add(get(Reference.of(child.digest())));
      }
      for (Descriptor blob : m.requiredBlobs()) {
        blobs.putIfAbsent(blob.digest(), blob);
      }
      // A layer served elsewhere travels as its descriptor, and as bytes only when pushed anyway.
      for (Descriptor layer : m.layers()) {
        if (!layer.urls().isEmpty() && repository.blobs().stat(layer.digest()).isPresent()) {
          blobs.putIfAbsent(layer.digest(), layer);
        }
      }
    }
  }

  private Manifest get(Reference reference) throws IOException {
    return repository.manifests().get(reference).orElseThrow(() -> new RegistryException(ErrorCode.MANIFEST_UNKNOWN,
        "manifest " + reference + " is not in repository " + repository.name()));
  }
}
