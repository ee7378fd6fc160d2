package io.channels4j.interop.support;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a {@link Soketi} runs with: one app, its optional webhook, and a few server settings.
 *
 * <p>The network settings (host, ports, metrics, cluster discovery) are not here on purpose: {@link
 * Soketi} always sets them to loopback-only values and free ports, and refuses options that would
 * change them.
 *
 * @param appId the app id (soketi accepts any string)
 * @param key the app key
 * @param secret the app secret
 * @param webhookUrl where soketi posts webhooks, or {@code null} for none; must be loopback
 * @param webhookEvents the webhook event types soketi sends, for example {@code channel_occupied}
 * @param webhookBatching how long soketi collects webhook events into one request; zero for one
 *     request per event (soketi's default)
 * @param userAuthenticationTimeout how long a connection may stay without signing in before soketi
 *     closes it (raised from soketi's 30 s so that long tests are not cut off)
 * @param readyTimeout how long {@link Soketi#start} waits for {@code GET /ready}
 * @param debug whether soketi logs every message to its log file
 * @param serverOptions further soketi options in its dotted form, for example {@code
 *     "eventLimits.maxBatchSize"}; network options are refused
 * @param appOptions further options of the app, for example {@code maxPresenceMembersPerChannel}
 */
public record SoketiConfig(
    String appId,
    String key,
    String secret,
    URI webhookUrl,
    List<String> webhookEvents,
    Duration webhookBatching,
    Duration userAuthenticationTimeout,
    Duration readyTimeout,
    boolean debug,
    Map<String, Object> serverOptions,
    Map<String, Object> appOptions) {

  /** The webhook event types that soketi can send. */
  public static final List<String> ALL_WEBHOOK_EVENTS =
      List.of(
          "channel_occupied", "channel_vacated", "member_added", "member_removed", "client_event");

  // Options that decide where soketi listens or sends: only Soketi itself sets them.
  private static final Set<String> NETWORK_PREFIXES =
      Set.of("host", "port", "metrics", "cluster", "adapter", "appManager", "ssl", "queue");

  /**
   * Checks the values and makes defensive copies.
   *
   * @param appId see the record description
   * @param key see the record description
   * @param secret see the record description
   * @param webhookUrl see the record description
   * @param webhookEvents see the record description
   * @param webhookBatching see the record description
   * @param userAuthenticationTimeout see the record description
   * @param readyTimeout see the record description
   * @param debug see the record description
   * @param serverOptions see the record description
   * @param appOptions see the record description
   * @throws IllegalArgumentException if a value is invalid
   */
  public SoketiConfig {
    requireText(appId, "appId");
    requireText(key, "key");
    requireText(secret, "secret");
    if (webhookUrl != null) {
      String host = webhookUrl.getHost();
      if (!"http".equals(webhookUrl.getScheme())
          || !("127.0.0.1".equals(host) || "localhost".equals(host))) {
        throw new IllegalArgumentException(
            "webhookUrl must be http://127.0.0.1:PORT/...: loopback only, got " + webhookUrl);
      }
    }
    webhookEvents = List.copyOf(webhookEvents);
    requireNonNegative(webhookBatching, "webhookBatching");
    requireNonNegative(userAuthenticationTimeout, "userAuthenticationTimeout");
    requireNonNegative(readyTimeout, "readyTimeout");
    for (String option : serverOptions.keySet()) {
      String head = option.split("\\.", 2)[0];
      if (NETWORK_PREFIXES.contains(head)) {
        throw new IllegalArgumentException(
            "serverOptions may not set " + option + ": Soketi keeps the network loopback-only");
      }
    }
    serverOptions = Map.copyOf(serverOptions);
    appOptions = Map.copyOf(appOptions);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
  }

  private static void requireNonNegative(Duration value, String name) {
    if (value == null || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be zero or positive, got " + value);
    }
  }

  /**
   * The defaults: app {@code app-id} / {@code app-key} / {@code app-secret}, no webhook.
   *
   * @return the default configuration
   */
  public static SoketiConfig defaults() {
    return builder().build();
  }

  /**
   * A builder that starts from {@link #defaults()}.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from this configuration.
   *
   * @return a new builder with this configuration's values
   */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.appId = appId;
    builder.key = key;
    builder.secret = secret;
    builder.webhookUrl = webhookUrl;
    builder.webhookEvents = webhookEvents;
    builder.webhookBatching = webhookBatching;
    builder.userAuthenticationTimeout = userAuthenticationTimeout;
    builder.readyTimeout = readyTimeout;
    builder.debug = debug;
    builder.serverOptions.putAll(serverOptions);
    builder.appOptions.putAll(appOptions);
    return builder;
  }

  /** Builds a {@link SoketiConfig}; every setter returns the builder. */
  public static final class Builder {
    private String appId = "app-id";
    private String key = "app-key";
    private String secret = "app-secret";
    private URI webhookUrl;
    private List<String> webhookEvents = ALL_WEBHOOK_EVENTS;
    private Duration webhookBatching = Duration.ZERO;
    private Duration userAuthenticationTimeout = Duration.ofMinutes(10);
    private Duration readyTimeout = Duration.ofSeconds(30);
    private boolean debug;
    private final Map<String, Object> serverOptions = new LinkedHashMap<>();
    private final Map<String, Object> appOptions = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the app id.
     *
     * @param appId the app id
     * @return this builder
     */
    public Builder appId(String appId) {
      this.appId = appId;
      return this;
    }

    /**
     * Sets the app key.
     *
     * @param key the app key
     * @return this builder
     */
    public Builder key(String key) {
      this.key = key;
      return this;
    }

    /**
     * Sets the app secret.
     *
     * @param secret the app secret
     * @return this builder
     */
    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    /**
     * Sends webhooks of every type soketi knows to a loopback URL.
     *
     * @param url for example {@code AppServer.webhookUri()}
     * @return this builder
     */
    public Builder webhook(URI url) {
      return webhook(url, ALL_WEBHOOK_EVENTS);
    }

    /**
     * Sends webhooks of the given types to a loopback URL.
     *
     * @param url for example {@code AppServer.webhookUri()}
     * @param events the event types, see {@link #ALL_WEBHOOK_EVENTS}
     * @return this builder
     */
    public Builder webhook(URI url, List<String> events) {
      this.webhookUrl = Objects.requireNonNull(url, "url");
      this.webhookEvents = List.copyOf(events);
      return this;
    }

    /**
     * Makes soketi collect webhook events for this long and send them in one request.
     *
     * @param duration zero for one request per event
     * @return this builder
     */
    public Builder webhookBatching(Duration duration) {
      this.webhookBatching = duration;
      return this;
    }

    /**
     * Sets how long a connection may stay without signing in.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder userAuthenticationTimeout(Duration timeout) {
      this.userAuthenticationTimeout = timeout;
      return this;
    }

    /**
     * Sets how long to wait for soketi to answer {@code GET /ready}.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public Builder readyTimeout(Duration timeout) {
      this.readyTimeout = timeout;
      return this;
    }

    /**
     * Makes soketi log every message (to its log file).
     *
     * @param debug whether to log
     * @return this builder
     */
    public Builder debug(boolean debug) {
      this.debug = debug;
      return this;
    }

    /**
     * Sets a further soketi option, in soketi's dotted form.
     *
     * @param name for example {@code eventLimits.maxBatchSize}
     * @param value a JSON-compatible value
     * @return this builder
     */
    public Builder serverOption(String name, Object value) {
      serverOptions.put(name, value);
      return this;
    }

    /**
     * Sets a further option of the app.
     *
     * @param name for example {@code maxPresenceMembersPerChannel}
     * @param value a JSON-compatible value
     * @return this builder
     */
    public Builder appOption(String name, Object value) {
      appOptions.put(name, value);
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a value is invalid
     */
    public SoketiConfig build() {
      return new SoketiConfig(
          appId,
          key,
          secret,
          webhookUrl,
          webhookEvents,
          webhookBatching,
          userAuthenticationTimeout,
          readyTimeout,
          debug,
          serverOptions,
          appOptions);
    }
  }
}
