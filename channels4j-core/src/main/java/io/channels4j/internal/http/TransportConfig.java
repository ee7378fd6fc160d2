package io.channels4j.internal.http;

import java.net.ProxySelector;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The settings of a {@link SocketTransport}.
 *
 * @param connectTimeout the longest wait for a new connection (the request's deadline still rules)
 * @param maxIdle how many idle connections to keep in all
 * @param idleTimeout how long an idle connection may be kept
 * @param proxySelector where to look up a proxy for each new connection; null for {@link
 *     ProxySelector#getDefault()} at that time (so the {@code http(s).proxyHost} properties work)
 * @param proxyUser the user name for proxy Basic authentication, or null for none
 * @param proxyPassword the password for proxy Basic authentication, or null for none
 * @param sslContext the TLS context, or null for {@link SSLContext#getDefault()}
 * @param sslParameters TLS parameters (protocols, cipher suites, ...), or null for the context's;
 *     hostname verification is turned on whatever they say
 * @param maxResponseBytes the largest response body accepted
 */
public record TransportConfig(
    Duration connectTimeout,
    int maxIdle,
    Duration idleTimeout,
    ProxySelector proxySelector,
    String proxyUser,
    String proxyPassword,
    SSLContext sslContext,
    SSLParameters sslParameters,
    int maxResponseBytes) {

  /** The default cap of a response body: far above any answer of the Pusher API. */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

  /**
   * The default idle time after which a pooled connection is closed: below the 5 s keep-alive
   * timeout of Apache httpd and Node.js, so the client drops a connection before the server does.
   */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(4);

  /** Checks the components. */
  public TransportConfig {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if ((proxyUser == null) != (proxyPassword == null)) {
      throw new IllegalArgumentException("proxy user and password go together");
    }
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("maxResponseBytes must be positive");
    }
    if (sslParameters != null) {
      sslParameters = copy(sslParameters);
    }
  }

  /**
   * The defaults, with these pool settings.
   *
   * @param connectTimeout the longest wait for a new connection
   * @param maxIdle how many idle connections to keep
   * @param idleTimeout how long an idle connection may be kept
   * @return the settings
   */
  public static TransportConfig defaults(
      Duration connectTimeout, int maxIdle, Duration idleTimeout) {
    return new TransportConfig(
        connectTimeout,
        maxIdle,
        idleTimeout,
        null,
        null,
        null,
        null,
        null,
        DEFAULT_MAX_RESPONSE_BYTES);
  }

  static SSLParameters copy(SSLParameters p) {
    SSLParameters c = new SSLParameters(p.getCipherSuites(), p.getProtocols());
    c.setApplicationProtocols(p.getApplicationProtocols());
    c.setServerNames(p.getServerNames());
    c.setSNIMatchers(p.getSNIMatchers());
    c.setAlgorithmConstraints(p.getAlgorithmConstraints());
    c.setUseCipherSuitesOrder(p.getUseCipherSuitesOrder());
    c.setNeedClientAuth(p.getNeedClientAuth());
    if (!p.getNeedClientAuth()) {
      c.setWantClientAuth(p.getWantClientAuth());
    }
    c.setMaximumPacketSize(p.getMaximumPacketSize());
    return c;
  }

  /** Names the settings; never the proxy password. */
  @Override
  public String toString() {
    return "TransportConfig[connectTimeout="
        + connectTimeout
        + ", maxIdle="
        + maxIdle
        + ", idleTimeout="
        + idleTimeout
        + ", proxySelector="
        + (proxySelector == null ? "default" : proxySelector)
        + ", proxyUser="
        + proxyUser
        + ", sslContext="
        + (sslContext == null ? "default" : sslContext.getProtocol())
        + ", maxResponseBytes="
        + maxResponseBytes
        + "]";
  }
}
