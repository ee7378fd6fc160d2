package io.channels4j.internal;

import io.channels4j.ValidationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A parsed {@code https://KEY:SECRET@HOST[:PORT]/apps/APP_ID}. Error messages describe the problem
 * but never repeat the URL, which holds the secret.
 *
 * @param tls whether the scheme is https
 * @param key the app key
 * @param secret the app secret
 * @param host the host
 * @param port the port, or 0 for the scheme's default
 * @param appId the app id
 */
public record PusherUrl(
    boolean tls, String key, String secret, String host, int port, String appId) {
  private static final String FORM = "https://KEY:SECRET@HOST[:PORT]/apps/APP_ID";

  /** Never shows the secret. */
  @Override
  public String toString() {
    return "PusherUrl["
        + (tls ? "https" : "http")
        + "://"
        + key
        + ":***@"
        + host
        + "/apps/"
        + appId
        + "]";
  }

  /**
   * Parses a URL.
   *
   * @param url the URL
   * @return its parts
   * @throws ValidationException when it does not have the expected form
   */
  public static PusherUrl parse(String url) {
    if (url == null || url.isBlank()) {
      throw invalid("it is empty");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      // The JDK's message quotes the input, secret included: say only where it broke.
      throw invalid("it is not a valid URL (error at index " + e.getIndex() + ")");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
      throw invalid("the scheme must be http or https");
    }
    String userInfo = uri.getRawUserInfo();
    if (userInfo == null || userInfo.isEmpty()) {
      throw invalid("it has no KEY:SECRET@ part");
    }
    int colon = userInfo.indexOf(':');
    if (colon <= 0 || colon == userInfo.length() - 1) {
      throw invalid("the KEY:SECRET@ part must hold a key and a secret separated by ':'");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw invalid("it has no host");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (!path.startsWith("/apps/")
        || path.length() == "/apps/".length()
        || path.indexOf('/', "/apps/".length()) >= 0) {
      throw invalid("the path must be /apps/APP_ID");
    }
    if (uri.getPort() == 0 || uri.getPort() > 65535) {
      throw invalid("the port must be 1 to 65535");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid("it must not have a query or fragment");
    }
    return new PusherUrl(
        scheme.equalsIgnoreCase("https"),
        decode(userInfo.substring(0, colon)),
        decode(userInfo.substring(colon + 1)),
        host,
        Math.max(0, uri.getPort()),
        decode(path.substring("/apps/".length())));
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid("it holds a malformed %-escape");
    }
  }

  /**
   * Reports a URL that does not have the expected form.
   *
   * @param why what is wrong, never quoting the secret
   * @return the exception, naming the expected form
   */
  public static ValidationException invalid(String why) {
    return new ValidationException("Pusher URL must look like " + FORM + ", but " + why);
  }
}
