package registry.core.internal.service;

import java.util.LinkedHashMap;
import java.util.Map;
import registry.core.Digest;
import registry.core.Manifest;

/**
 * Parsed manifests by digest. Content-addressed data never changes, so an entry is never
 * stale; whether a repository still has the manifest is checked through its link on every
 * request. Bounded by count and bytes.
 */
public final class ManifestCache {

  private final int maxEntries;
  private final long maxBytes;
  private long bytes;
  private final LinkedHashMap<Digest, Manifest> entries = new LinkedHashMap<>(16, 0.75f, true);

  ManifestCache(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  synchronized Manifest get(Digest digest) {
    return entries.get(digest);
  }

  /** Forgets a manifest (deleted by the collector). */
  public synchronized void remove(Digest digest) {
    Manifest old = entries.remove(digest);
    if (old != null) {
      bytes -= old.size();
    }
  }

  synchronized void put(Manifest manifest) {
    Manifest old = entries.put(manifest.digest(), manifest);
    if (old != null) {
      bytes -= old.size();
    }
    bytes += manifest.size();
    var it = entries.entrySet().iterator();
    while ((entries.size() > maxEntries || bytes > maxBytes) && it.hasNext()) {
      Map.Entry<Digest, Manifest> eldest = it.next();
      bytes -= eldest.getValue().size();
      it.remove();
    }
  }
}
