package registry.core.internal.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import registry.core.Descriptor;
import registry.core.Digest;
import registry.core.MediaTypes;
import registry.core.http.RegistryResponse;
import registry.core.http.ResponseBody;

/**
 * {@code GET /v2/<name>/referrers/<digest>?artifactType=}: the manifests whose {@code subject}
 * is the digest, as an image index. The subject need not exist: referrers may be pushed first.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers">OCI distribution spec, listing referrers</a>
 */
final class ReferrerRoute {

  private ReferrerRoute() {}

  static RegistryResponse list(Call call) throws IOException {
    Digest subject = Call.digest(call.tail());
    Optional<String> artifactType = call.query("artifactType").filter(s -> !s.isEmpty());
    List<Descriptor> referrers = call.repository().manifests().referrers(subject, artifactType);
    List<Map<String, Object>> manifests = new ArrayList<>(referrers.size());
    referrers.forEach(d -> manifests.add(Json.descriptor(d)));
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaTypes.OCI_INDEX);
    index.put("manifests", manifests);
    RegistryResponse.Builder response = Responses.status(200)
        .header("Content-Type", MediaTypes.OCI_INDEX)
        .body(ResponseBody.of(Json.bytes(index)));
    if (artifactType.isPresent()) {
      response.header("OCI-Filters-Applied", "artifactType");
    }
    return response.build();
  }
}
