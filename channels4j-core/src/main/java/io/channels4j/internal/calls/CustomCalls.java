package io.channels4j.internal.calls;

import io.channels4j.CallKind;
import io.channels4j.RawResponse;
import io.channels4j.ValidationException;
import io.channels4j.internal.ApiCall;
import io.channels4j.internal.Validate;
import io.channels4j.spi.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Signed requests to endpoints of the app that the library does not wrap: a GET with query
 * parameters, a POST with a JSON body. The path is checked to stay below {@code /apps/APP_ID} and
 * to be sent as given (so that the signature the server computes matches), and the signature's own
 * parameters cannot be set.
 */
public final class CustomCalls {
  private static final Parser PARSER = new Parser();

  private final AppEndpoint app;
  private final Payloads payloads;

  /**
   * Creates the custom calls of one app.
   *
   * @param app where the calls go
   * @param payloads how a POST body that is not a String is encoded
   */
  public CustomCalls(AppEndpoint app, Payloads payloads) {
    this.app = app;
    this.payloads = payloads;
  }

  /**
   * A signed GET.
   *
   * @param path the path below {@code /apps/APP_ID}, e.g. {@code /channels}
   * @param params query parameters, raw values; lower-case names, none of the signature's own
   * @return the call
   */
  public ApiCall<RawResponse> get(String path, Map<String, String> params) {
    String checked = path(path);
    Objects.requireNonNull(params, "params");
    Validate.queryParams(params);
    return app.get(CallKind.CUSTOM, checked, Map.copyOf(params), PARSER);
  }

  /**
   * A signed POST with a JSON body.
   *
   * @param path the path below {@code /apps/APP_ID}, e.g. {@code /events}
   * @param body JSON text as a String, sent as is; anything else is encoded by the payload encoder
   * @return the call
   */
  public ApiCall<RawResponse> post(String path, Object body) {
    String checked = path(path);
    if (body == null) {
      throw new ValidationException("body must not be null; send {} for an empty object");
    }
    // rawJson refuses text that is not exactly one JSON value (empty, malformed, trailing text).
    String json = payloads.rawJson("body", body);
    return app.post(CallKind.CUSTOM, checked, json.getBytes(StandardCharsets.UTF_8), PARSER);
  }

  /**
   * Checks a path before any request: it starts with {@code /}, holds no query, fragment or dot
   * segment (plain or percent-encoded), only characters a path may hold unencoded, and well-formed
   * percent escapes. It must not start with {@code /apps/}: it is relative to the app's path.
   */
  static String path(String path) {
    if (path == null) {
      throw new ValidationException("path must not be null");
    }
    if (path.isEmpty() || path.charAt(0) != '/') {
      throw new ValidationException(
          "path must start with / (it is relative to /apps/APP_ID), but is '" + path + "'");
    }
    if (path.startsWith("/apps/") || path.equals("/apps")) {
      throw new ValidationException(
          "path is relative to /apps/APP_ID: give /channels for /apps/APP_ID/channels, but is '"
              + path
              + "'");
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '?') {
        throw new ValidationException(
            "path must not contain ? (give query parameters as params), but has one at index " + i);
      }
      if (c == '#') {
        throw new ValidationException("path must not contain #, but has one at index " + i);
      }
      if (c == '%') {
        if (i + 2 >= path.length() || !isHex(path.charAt(i + 1)) || !isHex(path.charAt(i + 2))) {
          throw new ValidationException(
              "path has a % at index " + i + " that is not followed by two hex digits");
        }
      } else if (!isPathChar(c)) {
        throw new ValidationException(
            "path may contain only letters, digits, /, percent escapes and -._~!$&'()*+,;=:@, but"
                + " has "
                + (c >= 0x21 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c))
                + " at index "
                + i);
      }
    }
    int start = 1;
    while (start <= path.length()) {
      int end = path.indexOf('/', start);
      if (end < 0) {
        end = path.length();
      }
      String segment = path.substring(start, end).replace("%2e", ".").replace("%2E", ".");
      if (segment.equals(".") || segment.equals("..")) {
        throw new ValidationException(
            "path must not contain the dot segment '"
                + path.substring(start, end)
                + "', but has it at index "
                + start);
      }
      start = end + 1;
    }
    return path;
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** RFC 3986 {@code pchar} without percent escapes, and {@code /}. */
  private static boolean isPathChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "/-._~!$&'()*+,;=:@".indexOf(c) >= 0;
  }

  /** The answer's status and text; an error status or error body never reaches it. */
  private static final class Parser implements ApiCall.Parser<RawResponse> {
    @Override
    public RawResponse parse(Map<String, Object> json) {
      // Never called: Answers reads every answer with the response at hand.
      throw new UnsupportedOperationException("a custom call's answer needs its status and text");
    }

    @Override
    public RawResponse parse(Map<String, Object> json, HttpResponse response) {
      return new RawResponse(response.status(), response.bodyText());
    }
  }
}
