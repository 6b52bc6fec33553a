package registry.core.internal.http;

import java.io.IOException;
import java.util.List;
import registry.core.Digest;
import registry.core.ErrorCode;
import registry.core.Manifest;
import registry.core.MediaTypes;
import registry.core.Reference;
import registry.core.RegistryException;
import registry.core.Tag;
import registry.core.http.RegistryResponse;
import registry.core.http.ResponseBody;

/**
 * {@code GET}, {@code HEAD}, {@code PUT} and {@code DELETE /v2/<name>/manifests/<reference>}.
 * Manifests are served as the stored bytes whatever {@code Accept} says: converting would change
 * their digest.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests">OCI distribution spec, pulling manifests</a>
 */
final class ManifestRoutes {

  private ManifestRoutes() {}

  /** Serves a manifest, or 304 when the client's {@code If-None-Match} names it. */
  static RegistryResponse get(Call call) throws IOException {
    Reference reference = reference(call, ErrorCode.MANIFEST_UNKNOWN);
    Manifest manifest = call.repository().manifests().get(reference).orElseThrow(() ->
        new RegistryException(ErrorCode.MANIFEST_UNKNOWN,
            "manifest " + reference + " is not in repository " + call.name()));
    // Asked by a digest of another algorithm, the client checks the answer against that one.
    Digest digest = reference.digest().orElse(manifest.digest());
    String etag = "\"" + digest + "\"";
    if (call.header("If-None-Match").map(h -> matches(h, etag)).orElse(false)) {
      return Responses.status(304)
          .header("Docker-Content-Digest", digest.toString())
          .header("ETag", etag)
          .build();
    }
    String mediaType = manifest.mediaType();
    return Responses.status(200)
        .header("Content-Type", mediaType == null ? "application/octet-stream" : mediaType)
        .header("Docker-Content-Digest", digest.toString())
        .header("ETag", etag)
        .body(ResponseBody.of(manifest.bytes()))
        .build();
  }

  /** Stores a manifest read whole, but never more than the registry's cap plus one byte. */
  static RegistryResponse put(Call call) throws IOException {
    Reference reference = reference(call, ErrorCode.MANIFEST_INVALID);
    List<Tag> tags = PushTags.of(call);
    int cap = call.registry().maxManifestBytes();
    if (Bodies.contentLength(call).map(n -> n > cap).orElse(false)) {
      throw Bodies.tooLarge(cap);
    }
    byte[] bytes = Bodies.readCapped(call.body(), cap);
    String contentType = MediaTypes.essence(call.header("Content-Type").orElse(null));
    Manifest manifest = call.repository().manifests().put(reference, tags, bytes, contentType);
    RegistryResponse.Builder response = Responses.status(201)
        .header("Location", call.url(call.repositoryPath("manifests/" + manifest.digest())))
        .header("Docker-Content-Digest", manifest.digest().toString());
    tags.forEach(t -> response.header("OCI-Tag", t.value()));
    manifest.subject().ifPresent(s -> response.header("OCI-Subject", s.digest().toString()));
    return response.build();
  }

  /** Deletes by digest (the manifest and its tags) or by tag (the tag only): 202. */
  static RegistryResponse delete(Call call) throws IOException {
    call.requireDeletes();
    Reference reference = reference(call, ErrorCode.MANIFEST_UNKNOWN);
    call.repository().manifests().delete(reference);
    return Responses.status(202).build();
  }

  /**
   * The path's reference. A malformed digest is {@code DIGEST_INVALID}; a malformed tag gets
   * {@code badTag}: unknown for reads (no such manifest can exist), invalid for a push.
   */
  private static Reference reference(Call call, ErrorCode badTag) {
    String s = call.tail();
    if (s.indexOf(':') >= 0) {
      return Reference.of(Call.digest(s));
    }
    if (!Tag.isValid(s)) {
      throw PushTags.invalid(badTag, s);
    }
    return Reference.of(Tag.of(s));
  }

  /** Whether an {@code If-None-Match} list names the entity tag (weak tags compare equal, RFC 9110 13.1.2). */
  private static boolean matches(String header, String etag) {
    for (String candidate : header.split(",")) {
      String c = candidate.trim();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*") || c.equals(etag) || c.equals(etag.substring(1, etag.length() - 1))) {
        return true;
      }
    }
    return false;
  }
}
