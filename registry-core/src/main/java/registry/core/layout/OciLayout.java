package registry.core.layout;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import registry.core.ErrorCode;
import registry.core.Manifest;
import registry.core.Reference;
import registry.core.Registry;
import registry.core.Repository;
import registry.core.internal.ocilayout.LayoutExporter;
import registry.core.internal.ocilayout.LayoutImporter;

/**
 * Copies images between a repository and an OCI image layout: the directory or tar that
 * {@code skopeo copy ... oci:DIR:TAG}, {@code oci-archive:}, {@code oras} and {@code docker save}
 * (Docker 25 and later) write, made of {@code oci-layout}, {@code index.json} and
 * {@code blobs/<alg>/<hex>}.
 *
 * <pre>{@code
 * Repository app = registry.repository("team/app");
 * Manifest imported = OciLayout.importInto(app, Path.of("build/app.tar"), "1.0", Progress.NONE);
 * OciLayout.export(app, Reference.parse("1.0"), Path.of("out/app-layout"), Progress.NONE);
 * }</pre>
 *
 * <p>Blobs are streamed, never held in memory, and verified: on import by the registry as for
 * any push (a blob whose bytes do not match its digest is refused with
 * {@link ErrorCode#DIGEST_INVALID}), on export against the digest they are stored under. An
 * index with several images (multi-platform) is copied whole. The import pushes blobs, then
 * child manifests by digest, then the top manifest under the tag, so a failure leaves the tag
 * as it was. Blobs the registry already holds are linked, not copied again.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">OCI image layout</a>
 */
public final class OciLayout {

  /** The annotation of {@code index.json} that names an image of a layout, as a tag does. */
  public static final String REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";

  private OciLayout() {}

  /**
   * Imports an image (or index) from a layout into {@code repository}, tagged {@code tag}.
   *
   * <p>Which image: the entry of {@code index.json} whose {@value #REF_NAME_ANNOTATION} equals
   * {@code tag}; else its only entry; else, when it lists several (such as one per platform,
   * unnamed), {@code index.json} itself, which is an image index. A tar may come in any entry
   * order and is read in place; a gzipped tar is first unpacked to a temporary file.
   *
   * @param repository where to push
   * @param layout a layout directory, or a tar of one (plain or gzipped)
   * @param tag the tag to give the imported manifest, or null to push it by digest only
   * @param progress told how each blob's copy advances
   * @return the manifest pushed under the tag (the top of what was imported)
   * @throws registry.core.RegistryException {@link ErrorCode#DIGEST_INVALID} for a blob or
   *     manifest whose bytes do not match their digest, {@link ErrorCode#SIZE_INVALID} for one
   *     whose size differs from its descriptor, {@link ErrorCode#MANIFEST_BLOB_UNKNOWN} for one
   *     the layout lacks, {@link ErrorCode#MANIFEST_INVALID} for a malformed {@code index.json},
   *     manifest or {@code oci-layout}
   * @throws IllegalArgumentException when {@code tag} is no valid tag
   * @throws IOException when the layout cannot be read (not a directory nor a tar, truncated)
   */
  public static Manifest importInto(Repository repository, Path layout, String tag, Progress progress)
      throws IOException {
    return LayoutImporter.run(repository, layout, tag, progress, Registry.DEFAULT_MAX_MANIFEST_BYTES);
  }

  /**
   * Exports a manifest of {@code repository}, with every manifest and blob it reaches, as a
   * layout. {@code index.json} names it with {@value #REF_NAME_ANNOTATION} when
   * {@code reference} is a tag.
   *
   * <p>A {@code target} whose name ends in {@code .tar} is written as a tar, in {@code .tar.gz}
   * or {@code .tgz} as a gzipped tar (aside, then renamed into place: a failed export leaves no
   * file). Any other {@code target} is a directory, created if needed; an existing layout there
   * keeps its other images and has an image of the same name replaced, and {@code index.json} is
   * written last, so an interrupted export never names a missing blob.
   *
   * @return the exported top manifest
   * @throws registry.core.RegistryException {@link ErrorCode#MANIFEST_UNKNOWN} when the
   *     repository lacks the manifest (or a manifest it lists)
   * @throws IOException when writing fails or a stored blob no longer matches its digest
   */
  public static Manifest export(Repository repository, Reference reference, Path target, Progress progress)
      throws IOException {
    return LayoutExporter.toPath(repository, reference, target, progress);
  }

  /**
   * Exports as a tar written to {@code out} (flushed, not closed): to stream a layout over the
   * network or into {@code docker load} without a file. {@code oci-layout} and
   * {@code index.json} come first, then the manifests, then the other blobs.
   *
   * @return the exported top manifest
   * @throws IOException when writing fails or a stored blob no longer matches its digest; what
   *     was written by then is an incomplete tar
   */
  public static Manifest exportTar(Repository repository, Reference reference, OutputStream out, Progress progress)
      throws IOException {
    return LayoutExporter.toStream(repository, reference, out, progress);
  }
}
