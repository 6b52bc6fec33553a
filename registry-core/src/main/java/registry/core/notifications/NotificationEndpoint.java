package registry.core.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import registry.core.RegistryEvent;
import registry.core.RegistryListener;
import registry.core.internal.events.EventEnvelope;

/**
 * Sends events to an HTTP endpoint as distribution's {@code notifications.endpoints} do: one
 * POST per event, an envelope of media type {@value #MEDIA_TYPE}, the configured headers, a
 * timeout, and after {@code threshold} failures in a row a {@code backoff} pause before the
 * next try. A failed event is retried until it is delivered or the endpoint closes. Events wait
 * in a bounded queue of the endpoint's own, so a slow endpoint never holds up the registry;
 * when the queue is full new events are dropped and counted ({@link #dropped()}). The sender
 * thread starts with the first event, so an endpoint that is built and never used costs none.
 *
 * <pre>{@code
 * NotificationEndpoint hook = NotificationEndpoint.builder(URI.create("http://127.0.0.1:9000/events"))
 *     .name("audit").header("Authorization", "Bearer s3cr3t").build();
 * Registry registry = Registry.builder().storage(driver).listener(hook).build();
 * }</pre>
 */
public final class NotificationEndpoint implements RegistryListener, AutoCloseable {

  /** The envelope's media type. */
  public static final String MEDIA_TYPE = "application/vnd.docker.distribution.events.v2+json";

  private static final System.Logger LOG = System.getLogger(NotificationEndpoint.class.getName());

  // Copied from the builder, so that changing it afterwards changes no endpoint built from it.
  private final URI url;
  private final String name;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final int threshold;
  private final Duration backoff;
  private final Set<String> ignoredMediaTypes;
  private final Set<RegistryEvent.Action> ignoredActions;
  private final HttpClient client;
  private final BlockingQueue<RegistryEvent> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final String instanceId = UUID.randomUUID().toString();
  private final Thread sender;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean closed;

  private NotificationEndpoint(Builder b) {
    this.url = b.url;
    this.name = b.name;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    this.timeout = b.timeout;
    this.threshold = b.threshold;
    this.backoff = b.backoff;
    this.ignoredMediaTypes = b.ignoredMediaTypes;
    this.ignoredActions = b.ignoredActions;
    this.client = HttpClient.newBuilder().connectTimeout(b.timeout).build();
    this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
    this.sender = new Thread(this::run, "registry-notify-" + b.name);
    this.sender.setDaemon(true);
  }

  /** A builder for an endpoint at {@code url}. */
  public static Builder builder(URI url) {
    return new Builder(url);
  }

  @Override
  public void onEvent(RegistryEvent event) {
    if (closed || ignoredActions.contains(event.action())
        || (event.mediaType() != null && ignoredMediaTypes.contains(event.mediaType()))) {
      return;
    }
    if (!started.get() && started.compareAndSet(false, true)) {
      sender.start();
    }
    if (!queue.offer(event)) {
      long n = dropped.incrementAndGet();
      if (Long.bitCount(n) == 1) {
        LOG.log(System.Logger.Level.WARNING, "notification endpoint " + name + " is behind; "
            + n + " events dropped so far");
      }
    }
  }

  /** Events dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Events the endpoint accepted. */
  public long delivered() {
    return delivered.get();
  }

  private void run() {
    int failures = 0;
    RegistryEvent pending = null;
    while (!closed || pending != null || !queue.isEmpty()) {
      try {
        if (pending == null) {
          pending = queue.poll(100, TimeUnit.MILLISECONDS);
          if (pending == null) {
            continue;
          }
        }
        if (send(pending)) {
          delivered.incrementAndGet();
          pending = null;
          failures = 0;
        } else if (++failures >= threshold) {
          if (closed) {
            return; // closing: give up on an endpoint that is down
          }
          Thread.sleep(backoff.toMillis());
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private boolean send(RegistryEvent event) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(url)
        .timeout(timeout)
        .header("Content-Type", MEDIA_TYPE)
        .POST(HttpRequest.BodyPublishers.ofByteArray(EventEnvelope.of(event, instanceId, name)));
    headers.forEach(request::header);
    try {
      HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
      int status = response.statusCode();
      if (status >= 200 && status < 400) {
        return true;
      }
      LOG.log(System.Logger.Level.DEBUG, "notification endpoint " + name + " answered " + status);
      return false;
    } catch (java.io.IOException e) {
      LOG.log(System.Logger.Level.DEBUG, "notification endpoint " + name + " failed: " + e.getMessage());
      return false;
    }
  }

  /** Sends what is queued (waiting up to the timeout), then stops. */
  @Override
  public void close() {
    closed = true;
    try {
      sender.join(Math.max(1000, timeout.toMillis() * 2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sender.interrupt();
  }

  /** Settings of a {@link NotificationEndpoint}, with distribution's defaults. */
  public static final class Builder {
    private final URI url;
    private String name = "endpoint";
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration timeout = Duration.ofSeconds(1);
    private int threshold = 10;
    private Duration backoff = Duration.ofSeconds(1);
    private Set<String> ignoredMediaTypes = Set.of();
    private Set<RegistryEvent.Action> ignoredActions = Set.of();
    private int queueCapacity = 10_000;

    private Builder(URI url) {
      Objects.requireNonNull(url, "url");
      if (url.getScheme() == null || !url.getScheme().startsWith("http")) {
        throw new IllegalArgumentException("notification endpoint url must be http or https: " + url);
      }
      this.url = url;
    }

    /** A name for logs and the sender thread (default {@code endpoint}). */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /** A header sent with every request. */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "header name"), Objects.requireNonNull(value, "header value"));
      return this;
    }

    /** How long one request may take (default 1 s). */
    public Builder timeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.timeout = timeout;
      return this;
    }

    /** Failures in a row before backing off (default 10). */
    public Builder threshold(int threshold) {
      if (threshold < 1) {
        throw new IllegalArgumentException("threshold must be at least 1");
      }
      this.threshold = threshold;
      return this;
    }

    /** The pause after {@code threshold} failures (default 1 s). */
    public Builder backoff(Duration backoff) {
      Objects.requireNonNull(backoff, "backoff");
      if (backoff.isNegative()) {
        throw new IllegalArgumentException("backoff is negative");
      }
      this.backoff = backoff;
      return this;
    }

    /** Media types whose events are not sent. */
    public Builder ignoredMediaTypes(Set<String> mediaTypes) {
      this.ignoredMediaTypes = Set.copyOf(Objects.requireNonNull(mediaTypes, "ignoredMediaTypes"));
      return this;
    }

    /** Actions whose events are not sent. */
    public Builder ignoredActions(Set<RegistryEvent.Action> actions) {
      this.ignoredActions = Set.copyOf(Objects.requireNonNull(actions, "ignoredActions"));
      return this;
    }

    /** Events that may wait for the endpoint before new ones are dropped (default 10,000). */
    public Builder queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be at least 1");
      }
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * The endpoint, with a copy of these settings. Its sender thread starts with the first
     * event it is given, so no thread is left running by an endpoint that never sends.
     */
    public NotificationEndpoint build() {
      return new NotificationEndpoint(this);
    }
  }
}
