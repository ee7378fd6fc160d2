package io.channels4j.internal.calls;

import io.channels4j.CallKind;
import io.channels4j.internal.ApiCall;
import java.util.Map;

/**
 * Where one app's API calls go: the server's base URI and the app's path on it.
 *
 * @param baseUri scheme, host and port, e.g. {@code https://api-mt1.pusher.com}
 * @param appPath {@code /apps/APP_ID}
 */
public record AppEndpoint(String baseUri, String appPath) {
  private static final byte[] NO_BODY = new byte[0];

  /**
   * The endpoint of an app on a host.
   *
   * @param tls whether to use HTTPS
   * @param host host name or address, without a port
   * @param port the port, or 0 for the scheme's default
   * @param appId the app id, already checked
   * @return the endpoint
   */
  public static AppEndpoint of(boolean tls, String host, int port, String appId) {
    return new AppEndpoint(baseUri(tls, host, port), "/apps/" + appId);
  }

  /**
   * A base URI: {@code http[s]://host[:port]}.
   *
   * @param tls whether to use HTTPS
   * @param host the host, which may carry its own {@code :port}
   * @param port the port, or 0 for none
   * @return the base URI
   */
  public static String baseUri(boolean tls, String host, int port) {
    return (tls ? "https://" : "http://") + (port > 0 ? host + ":" + port : host);
  }

  <T> ApiCall<T> post(CallKind kind, String subPath, byte[] body, ApiCall.Parser<T> parser) {
    return new ApiCall<>(kind, baseUri, "POST", appPath + subPath, Map.of(), body, parser);
  }

  <T> ApiCall<T> get(
      CallKind kind, String subPath, Map<String, String> params, ApiCall.Parser<T> parser) {
    return new ApiCall<>(kind, baseUri, "GET", appPath + subPath, params, NO_BODY, parser);
  }
}
