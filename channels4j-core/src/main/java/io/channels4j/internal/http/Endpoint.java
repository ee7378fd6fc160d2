package io.channels4j.internal.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where requests go: scheme, host and port of one origin, parsed once.
 *
 * @param origin the origin text it was parsed from
 * @param tls whether to speak TLS
 * @param host the host name or address (IPv6 without brackets)
 * @param port the port
 * @param hostHeader the value of the {@code Host} header
 * @param poolKey the key of this endpoint's idle connections
 */
record Endpoint(
    String origin, boolean tls, String host, int port, String hostHeader, String poolKey) {

  /**
   * Parses an origin such as {@code https://api-mt1.pusher.com} or {@code http://127.0.0.1:6001}.
   *
   * @throws IllegalArgumentException when it is anything else (user info, path, another scheme)
   */
  static Endpoint parse(String origin) {
    URI uri;
    try {
      uri = new URI(origin + "/");
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not an http(s) origin: " + e.getReason());
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || !"/".equals(uri.getRawPath())) {
      throw new IllegalArgumentException(
          "origin must be http(s)://host[:port] without user info or path");
    }
    boolean tls = scheme.equalsIgnoreCase("https");
    int defaultPort = tls ? 443 : 80;
    int port = uri.getPort() > 0 ? uri.getPort() : defaultPort;
    String host = uri.getHost();
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    String hostHeader = port == defaultPort ? host : host + ':' + port;
    String key = (tls ? "s:" : "p:") + host.toLowerCase(Locale.ROOT) + ':' + port;
    return new Endpoint(origin, tls, bare, port, hostHeader, key);
  }

  /** The origin as a URI, for a {@link java.net.ProxySelector}. */
  URI proxyLookupUri() {
    return URI.create((tls ? "https://" : "http://") + hostHeader + "/");
  }
}
