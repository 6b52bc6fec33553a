package registry.core.internal.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import registry.core.RegistryEvent;

/** Distribution's notification envelope for one event: {@code {"events":[{...}]}}. */
public final class EventEnvelope {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EventEnvelope() {}

  /** The envelope's bytes. */
  public static byte[] of(RegistryEvent event, String instanceId, String source) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode events = root.putArray("events");
    ObjectNode e = events.addObject();
    e.put("id", UUID.randomUUID().toString());
    e.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(event.timestamp()));
    e.put("action", event.action().wireName());
    ObjectNode target = e.putObject("target");
    if (event.mediaType() != null) {
      target.put("mediaType", event.mediaType());
    }
    if (event.size() >= 0) {
      target.put("size", event.size());
      target.put("length", event.size());
    }
    if (event.digest() != null) {
      target.put("digest", event.digest().toString());
    }
    target.put("repository", event.repository().value());
    event.tag().ifPresent(t -> target.put("tag", t.value()));
    event.from().ifPresent(f -> target.put("fromRepository", f.value()));
    e.putObject("actor");
    ObjectNode src = e.putObject("source");
    src.put("instanceID", instanceId);
    src.put("name", source);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException("event envelope could not be written", ex);
    }
  }
}
