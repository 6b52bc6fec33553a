/**
 * OCI image layouts: {@link registry.core.layout.OciLayout} imports the directory or tar that
 * {@code skopeo copy oci:}, {@code oras} and {@code docker save} write into a repository, and
 * exports a repository's image as one, streamed and verified, with {@link registry.core.layout.Progress}
 * callbacks for large copies.
 *
 * <pre>{@code
 * OciLayout.importInto(registry.repository("team/app"), Path.of("app.tar"), "1.0", Progress.NONE);
 * }</pre>
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">OCI image layout</a>
 */
package registry.core.layout;
