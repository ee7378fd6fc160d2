package io.channels4j.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code pusher.*} properties. Give either {@code pusher.url} (the {@code PUSHER_URL} form,
 * {@code https://KEY:SECRET@HOST[:PORT]/apps/APP_ID}) or {@code pusher.app-id}, {@code pusher.key}
 * and {@code pusher.secret} with {@code pusher.cluster} or {@code pusher.host}. Unset settings keep
 * the defaults of {@link io.channels4j.Pusher.Builder}.
 */
@ConfigurationProperties(prefix = "pusher")
public class PusherProperties {

  /** The whole connection as one URL: https://KEY:SECRET@HOST[:PORT]/apps/APP_ID. */
  private String url;

  /** The app id. */
  private String appId;

  /** The app key. */
  private String key;

  /** The app secret. Never shown in messages or logs. */
  private String secret;

  /** The cluster, which selects the host api-CLUSTER.pusher.com unless host is set (mt1). */
  private String cluster;

  /** The API host of a self-hosted server (soketi, Reverb, sockudo); wins over the cluster. */
  private String host;

  /** The API port; 443 with TLS and 80 without by default. */
  private Integer port;

  /** Whether to use HTTPS (true by default); false for a local plain-HTTP server. */
  private Boolean useTls;

  /** The budget of one attempt: connecting, sending and reading the answer (5s). */
  private Duration timeout;

  /** How many async calls run at once (64). */
  private Integer maxRequestsInFlight;

  /** How many async calls may wait for a free slot before they fail fast (10000). */
  private Integer maxQueuedRequests;

  /** The largest event data accepted, in UTF-8 bytes (10240, Pusher's limit). */
  private Integer maxEventDataBytes;

  /**
   * The base64 master key (32 bytes) of end-to-end encrypted channels (private-encrypted-). Needs
   * channels4j-crypto on the classpath.
   */
  private String encryptionMasterKey;

  /** When failed calls are retried. */
  private final Retry retry = new Retry();

  /** Webhook verification. */
  private final Webhook webhook = new Webhook();

  /** The optional HTTP endpoints, all off by default. */
  private final Endpoints endpoints = new Endpoints();

  /** The actuator health indicator. */
  private final Health health = new Health();

  /**
   * Returns the URL.
   *
   * @return the URL, or null
   */
  public String getUrl() {
    return url;
  }

  /**
   * Sets the URL.
   *
   * @param url the URL
   */
  public void setUrl(String url) {
    this.url = url;
  }

  /**
   * Returns the app id.
   *
   * @return the app id, or null
   */
  public String getAppId() {
    return appId;
  }

  /**
   * Sets the app id.
   *
   * @param appId the app id
   */
  public void setAppId(String appId) {
    this.appId = appId;
  }

  /**
   * Returns the key.
   *
   * @return the key, or null
   */
  public String getKey() {
    return key;
  }

  /**
   * Sets the key.
   *
   * @param key the key
   */
  public void setKey(String key) {
    this.key = key;
  }

  /**
   * Returns the secret.
   *
   * @return the secret, or null
   */
  public String getSecret() {
    return secret;
  }

  /**
   * Sets the secret.
   *
   * @param secret the secret
   */
  public void setSecret(String secret) {
    this.secret = secret;
  }

  /**
   * Returns the cluster.
   *
   * @return the cluster, or null
   */
  public String getCluster() {
    return cluster;
  }

  /**
   * Sets the cluster.
   *
   * @param cluster the cluster
   */
  public void setCluster(String cluster) {
    this.cluster = cluster;
  }

  /**
   * Returns the host.
   *
   * @return the host, or null
   */
  public String getHost() {
    return host;
  }

  /**
   * Sets the host.
   *
   * @param host the host
   */
  public void setHost(String host) {
    this.host = host;
  }

  /**
   * Returns the port.
   *
   * @return the port, or null
   */
  public Integer getPort() {
    return port;
  }

  /**
   * Sets the port.
   *
   * @param port the port
   */
  public void setPort(Integer port) {
    this.port = port;
  }

  /**
   * Returns whether to use TLS.
   *
   * @return the choice, or null for the default
   */
  public Boolean getUseTls() {
    return useTls;
  }

  /**
   * Sets whether to use TLS.
   *
   * @param useTls the choice
   */
  public void setUseTls(Boolean useTls) {
    this.useTls = useTls;
  }

  /**
   * Returns the timeout.
   *
   * @return the timeout, or null
   */
  public Duration getTimeout() {
    return timeout;
  }

  /**
   * Sets the timeout.
   *
   * @param timeout the timeout
   */
  public void setTimeout(Duration timeout) {
    this.timeout = timeout;
  }

  /**
   * Returns the in-flight limit.
   *
   * @return the limit, or null
   */
  public Integer getMaxRequestsInFlight() {
    return maxRequestsInFlight;
  }

  /**
   * Sets the in-flight limit.
   *
   * @param maxRequestsInFlight the limit
   */
  public void setMaxRequestsInFlight(Integer maxRequestsInFlight) {
    this.maxRequestsInFlight = maxRequestsInFlight;
  }

  /**
   * Returns the queue limit.
   *
   * @return the limit, or null
   */
  public Integer getMaxQueuedRequests() {
    return maxQueuedRequests;
  }

  /**
   * Sets the queue limit.
   *
   * @param maxQueuedRequests the limit
   */
  public void setMaxQueuedRequests(Integer maxQueuedRequests) {
    this.maxQueuedRequests = maxQueuedRequests;
  }

  /**
   * Returns the data limit.
   *
   * @return the limit, or null
   */
  public Integer getMaxEventDataBytes() {
    return maxEventDataBytes;
  }

  /**
   * Sets the data limit.
   *
   * @param maxEventDataBytes the limit
   */
  public void setMaxEventDataBytes(Integer maxEventDataBytes) {
    this.maxEventDataBytes = maxEventDataBytes;
  }

  /**
   * Returns the encryption master key.
   *
   * @return the base64 key, or null
   */
  public String getEncryptionMasterKey() {
    return encryptionMasterKey;
  }

  /**
   * Sets the encryption master key.
   *
   * @param encryptionMasterKey the base64 key
   */
  public void setEncryptionMasterKey(String encryptionMasterKey) {
    this.encryptionMasterKey = encryptionMasterKey;
  }

  /**
   * Returns the retry settings.
   *
   * @return the retry settings
   */
  public Retry getRetry() {
    return retry;
  }

  /**
   * Returns the webhook settings.
   *
   * @return the webhook settings
   */
  public Webhook getWebhook() {
    return webhook;
  }

  /**
   * Returns the endpoint settings.
   *
   * @return the endpoint settings
   */
  public Endpoints getEndpoints() {
    return endpoints;
  }

  /**
   * Returns the health settings.
   *
   * @return the health settings
   */
  public Health getHealth() {
    return health;
  }

  /** Never shows the secret or the URL (which holds it). */
  @Override
  public String toString() {
    return "PusherProperties[appId=" + appId + ", key=" + key + ", host=" + host + "]";
  }

  /** When failed calls are retried; unset values keep RetryPolicy.defaults(). */
  public static class Retry {
    /** Attempts per call, the first included; 1 turns retries off (3). */
    private Integer maxAttempts;

    /** The backoff before the second attempt, doubled each time (100ms). */
    private Duration initialBackoff;

    /** The longest backoff, and the longest Retry-After honoured (2s). */
    private Duration maxBackoff;

    /** Creates defaults. */
    public Retry() {}

    /**
     * Returns the attempts.
     *
     * @return the attempts, or null
     */
    public Integer getMaxAttempts() {
      return maxAttempts;
    }

    /**
     * Sets the attempts.
     *
     * @param maxAttempts the attempts
     */
    public void setMaxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /**
     * Returns the first backoff.
     *
     * @return the backoff, or null
     */
    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /**
     * Sets the first backoff.
     *
     * @param initialBackoff the backoff
     */
    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /**
     * Returns the longest backoff.
     *
     * @return the backoff, or null
     */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /**
     * Sets the longest backoff.
     *
     * @param maxBackoff the backoff
     */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }
  }

  /** Webhook verification: extra tokens for key rotation, and a freshness limit. */
  public static class Webhook {
    /** Extra key/secret pairs whose signatures are accepted too, beside the app's own. */
    private List<Token> tokens = new ArrayList<>();

    /** Refuse webhooks whose time is further than this from now; off when unset. */
    private Duration maxAge;

    /** Creates defaults. */
    public Webhook() {}

    /**
     * Returns the extra tokens.
     *
     * @return the tokens
     */
    public List<Token> getTokens() {
      return tokens;
    }

    /**
     * Sets the extra tokens.
     *
     * @param tokens the tokens
     */
    public void setTokens(List<Token> tokens) {
      this.tokens = tokens;
    }

    /**
     * Returns the maximum age.
     *
     * @return the age, or null
     */
    public Duration getMaxAge() {
      return maxAge;
    }

    /**
     * Sets the maximum age.
     *
     * @param maxAge the age
     */
    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }
  }

  /** An extra webhook token. */
  public static class Token {
    /** The token's key (the X-Pusher-Key of its webhooks). */
    private String key;

    /** The token's secret. Never shown in messages or logs. */
    private String secret;

    /** Creates an empty token. */
    public Token() {}

    /**
     * Returns the key.
     *
     * @return the key
     */
    public String getKey() {
      return key;
    }

    /**
     * Sets the key.
     *
     * @param key the key
     */
    public void setKey(String key) {
      this.key = key;
    }

    /**
     * Returns the secret.
     *
     * @return the secret
     */
    public String getSecret() {
      return secret;
    }

    /**
     * Sets the secret.
     *
     * @param secret the secret
     */
    public void setSecret(String secret) {
      this.secret = secret;
    }

    /** Never shows the secret. */
    @Override
    public String toString() {
      return "Token[key=" + key + "]";
    }
  }

  /** The optional HTTP endpoints. */
  public static class Endpoints {
    /** Channel authorization for private, presence and encrypted channels. */
    private final Endpoint channelAuth = Endpoint.at("/pusher/auth");

    /** User authentication (the client's signin). */
    private final Endpoint userAuth = Endpoint.at("/pusher/user-auth");

    /** The webhook receiver, publishing each verified event as an application event. */
    private final Endpoint webhook = Endpoint.at("/pusher/webhook");

    /** Creates defaults. */
    public Endpoints() {}

    /**
     * Returns the channel authorization endpoint.
     *
     * @return its settings
     */
    public Endpoint getChannelAuth() {
      return channelAuth;
    }

    /**
     * Returns the user authentication endpoint.
     *
     * @return its settings
     */
    public Endpoint getUserAuth() {
      return userAuth;
    }

    /**
     * Returns the webhook endpoint.
     *
     * @return its settings
     */
    public Endpoint getWebhook() {
      return webhook;
    }
  }

  /** One endpoint: off unless enabled, at a path. */
  public static class Endpoint {
    /** Whether the endpoint is served. */
    private boolean enabled;

    /** The path it is served at. */
    private String path;

    /** Creates an endpoint's settings, off and without a path. */
    public Endpoint() {}

    static Endpoint at(String path) {
      Endpoint e = new Endpoint();
      e.path = path;
      return e;
    }

    /**
     * Returns whether it is served.
     *
     * @return true when served
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether it is served.
     *
     * @param enabled true to serve it
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Returns the path.
     *
     * @return the path
     */
    public String getPath() {
      return path;
    }

    /**
     * Sets the path.
     *
     * @param path the path
     */
    public void setPath(String path) {
      this.path = path;
    }
  }

  /** The actuator health indicator, off by default: each check costs one API call. */
  public static class Health {
    /** Whether the indicator is registered. */
    private boolean enabled;

    /** The channel whose state the check asks for (GET /channels/NAME: a small answer). */
    private String channel = "channels4j-health";

    /** Creates defaults. */
    public Health() {}

    /**
     * Returns whether the indicator is registered.
     *
     * @return true when registered
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the indicator is registered.
     *
     * @param enabled true to register it
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Returns the channel the check asks for.
     *
     * @return the channel
     */
    public String getChannel() {
      return channel;
    }

    /**
     * Sets the channel the check asks for.
     *
     * @param channel the channel
     */
    public void setChannel(String channel) {
      this.channel = channel;
    }
  }
}
