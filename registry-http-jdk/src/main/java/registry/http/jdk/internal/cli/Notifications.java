package registry.http.jdk.internal.cli;

import java.util.ArrayList;
import java.util.List;
import registry.core.notifications.NotificationEndpoint;
import registry.http.jdk.internal.config.Config;

/** Starts the configured notification endpoints, and closes them after the server. */
final class Notifications {

  private Notifications() {}

  static List<NotificationEndpoint> endpoints(List<Config.Notification> configured) {
    List<NotificationEndpoint> endpoints = new ArrayList<>();
    for (Config.Notification n : configured) {
      NotificationEndpoint.Builder b = NotificationEndpoint.builder(n.url()).name(n.name()).timeout(n.timeout())
          .threshold(n.threshold()).backoff(n.backoff()).ignoredMediaTypes(n.ignoredMediaTypes())
          .ignoredActions(n.ignoredActions());
      n.headers().forEach(b::header);
      endpoints.add(b.build());
    }
    return endpoints;
  }

  static void close(List<NotificationEndpoint> endpoints) {
    endpoints.forEach(NotificationEndpoint::close);
  }
}
