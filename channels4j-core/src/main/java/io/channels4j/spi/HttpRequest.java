package io.channels4j.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A signed request, ready to send. The target's query is already percent-encoded and must be sent
 * as is: the signature covers it.
 *
 * <p>The request is held as an origin ({@code https://api-mt1.pusher.com}) and a target ({@code
 * /apps/1/events?auth_key=…}), the two parts an HTTP/1.1 client writes; {@link #uri()} joins them
 * into a {@link URI} only when a transport asks for one.
 *
 * <p>Instances are immutable, except that the body array is not copied: neither the caller nor the
 * transport may change it.
 */
public final class HttpRequest {
  private final String method;
  private final String origin;
  private final String target;
  private final Map<String, String> headers;
  private final byte[] body;
  private final Duration timeout;
  private volatile URI uri;

  /**
   * Creates a request from an absolute URI.
   *
   * @param method {@code GET} or {@code POST}
   * @param uri the absolute {@code http} or {@code https} URI, query included
   * @param headers headers to send besides {@code Host}, {@code Content-Length} and {@code
   *     Transfer-Encoding}, which the transport owns
   * @param body the exact body bytes, empty for GET; the transport must not change them
   * @param timeout the budget for the whole exchange: connecting, sending and reading the answer
   * @throws IllegalArgumentException when the URI is not an absolute http(s) URI with a host
   */
  public HttpRequest(
      String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
    Objects.requireNonNull(uri, "uri");
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getRawAuthority() == null
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "uri must be an absolute http or https URI with a host, but is " + safe(uri));
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery();
    this.method = Objects.requireNonNull(method, "method");
    this.origin = scheme.toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
    this.target = query == null ? path : path + '?' + query;
    this.headers = Map.copyOf(headers);
    this.body = Objects.requireNonNull(body, "body");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.uri = uri;
  }

  private HttpRequest(
      String method,
      String origin,
      String target,
      Map<String, String> headers,
      byte[] body,
      Duration timeout) {
    this.method = Objects.requireNonNull(method, "method");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.target = Objects.requireNonNull(target, "target");
    if (target.isEmpty() || target.charAt(0) != '/') {
      throw new IllegalArgumentException("target must start with '/'");
    }
    this.headers = Map.copyOf(headers);
    this.body = Objects.requireNonNull(body, "body");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Creates a request from its origin and target, without building a {@link URI}.
   *
   * @param method {@code GET} or {@code POST}
   * @param origin scheme, host and optional port, e.g. {@code https://api-mt1.pusher.com}
   * @param target the raw path and query, starting with {@code /}, sent as is
   * @param headers headers to send besides {@code Host}, {@code Content-Length} and {@code
   *     Transfer-Encoding}
   * @param body the exact body bytes, empty for GET
   * @param timeout the budget for the whole exchange
   * @return the request
   */
  public static HttpRequest of(
      String method,
      String origin,
      String target,
      Map<String, String> headers,
      byte[] body,
      Duration timeout) {
    return new HttpRequest(method, origin, target, headers, body, timeout);
  }

  /**
   * Returns the method.
   *
   * @return {@code GET} or {@code POST}
   */
  public String method() {
    return method;
  }

  /**
   * Returns the origin: scheme, host and optional port, no path.
   *
   * @return e.g. {@code https://api-mt1.pusher.com} or {@code http://127.0.0.1:6001}
   */
  public String origin() {
    return origin;
  }

  /**
   * Returns the request target: the raw path and query, exactly as they go on the request line.
   *
   * @return e.g. {@code /apps/1/events?auth_key=…}
   */
  public String target() {
    return target;
  }

  /**
   * Returns the absolute URI, built from the origin and target on first use.
   *
   * @return the URI, query included
   * @throws IllegalArgumentException when origin and target do not form a URI
   */
  public URI uri() {
    URI u = uri;
    if (u == null) {
      u = URI.create(origin + target);
      uri = u;
    }
    return u;
  }

  /**
   * Returns the headers.
   *
   * @return headers besides {@code Host}, {@code Content-Length} and {@code Transfer-Encoding}
   */
  public Map<String, String> headers() {
    return headers;
  }

  /**
   * Returns the body.
   *
   * @return the exact body bytes, empty for GET; not a copy, do not change it
   */
  public byte[] body() {
    return body;
  }

  /**
   * Returns the budget of the whole exchange.
   *
   * @return the timeout covering name resolution, connecting, sending and reading the answer
   */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpRequest r
        && method.equals(r.method)
        && origin.equals(r.origin)
        && target.equals(r.target)
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body)
        && timeout.equals(r.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, origin, target, headers, Arrays.hashCode(body), timeout);
  }

  /** Method and path only: the query carries the key and signature. */
  @Override
  public String toString() {
    int q = target.indexOf('?');
    return method
        + " "
        + (q < 0 ? target : target.substring(0, q))
        + " ("
        + body.length
        + " body bytes)";
  }

  private static String safe(URI uri) {
    // Never echo user info (it may hold a secret), nor the query (it holds the signature).
    String scheme = uri.getScheme();
    return (scheme == null ? "" : scheme + "://")
        + (uri.getHost() == null ? "(no host)" : uri.getHost())
        + (uri.getRawPath() == null ? "" : uri.getRawPath());
  }
}
