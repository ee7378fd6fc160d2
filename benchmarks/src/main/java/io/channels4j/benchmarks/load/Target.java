package io.channels4j.benchmarks.load;

import io.channels4j.benchmarks.BenchInputs;
import java.net.URI;
import java.util.Objects;

/**
 * Where a {@link Contender} sends its triggers, and with which credentials.
 *
 * @param baseUri scheme, host and port of the HTTP API, e.g. {@code http://127.0.0.1:8080}
 * @param appId the app id
 * @param key the app key
 * @param secret the app secret
 */
public record Target(URI baseUri, String appId, String key, String secret) {

  /**
   * Checks that the target is a plain-HTTP loopback address with a port.
   *
   * @param baseUri scheme, host and port of the HTTP API
   * @param appId the app id
   * @param key the app key
   * @param secret the app secret
   */
  public Target {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(secret, "secret");
    if (!"http".equals(baseUri.getScheme())
        || !"127.0.0.1".equals(baseUri.getHost())
        || baseUri.getPort() <= 0) {
      throw new IllegalArgumentException("target must be http://127.0.0.1:<port>, is " + baseUri);
    }
  }

  /**
   * A target with the benchmark credentials of {@link BenchInputs}.
   *
   * @param port the loopback port of the sink
   * @return the target {@code http://127.0.0.1:port}
   */
  public static Target loopback(int port) {
    return new Target(
        URI.create("http://127.0.0.1:" + port),
        BenchInputs.APP_ID,
        BenchInputs.KEY,
        BenchInputs.SECRET);
  }

  /**
   * The host.
   *
   * @return always {@code 127.0.0.1}
   */
  public String host() {
    return baseUri.getHost();
  }

  /**
   * The port.
   *
   * @return the TCP port
   */
  public int port() {
    return baseUri.getPort();
  }

  /**
   * Host and port, as in a {@code Host} header or pusher-http-java's {@code setHost}.
   *
   * @return {@code 127.0.0.1:port}
   */
  public String hostAndPort() {
    return host() + ":" + port();
  }
}
