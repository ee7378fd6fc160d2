package io.channels4j.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs HTTP API requests: HMAC-SHA256 over {@code METHOD\nPATH\nsorted query} with raw values,
 * while the query sent on the wire is percent-encoded.
 */
public final class RequestSigner {
  private final String key;
  private final Hmac hmac;

  /** {@code auth_key=KEY&auth_timestamp=}, when the key needs no percent-encoding; else null. */
  private final String plainPrefix;

  /**
   * Creates a signer.
   *
   * @param key the app key, sent as {@code auth_key}
   * @param hmac the HMAC keyed with the app secret
   */
  public RequestSigner(String key, Hmac hmac) {
    this.key = key;
    this.hmac = hmac;
    this.plainPrefix = encode(key).equals(key) ? "auth_key=" + key + "&auth_timestamp=" : null;
  }

  /**
   * A signed query: what to sign and what to send.
   *
   * @param stringToSign the exact text the signature covers
   * @param signature the lowercase hex signature
   * @param wireQuery the percent-encoded query to send, signature included
   */
  record Signed(String stringToSign, String signature, String wireQuery) {}

  /**
   * Signs a request.
   *
   * @param method upper-case method
   * @param path the raw path, e.g. {@code /apps/3/events}
   * @param params extra query parameters (raw values), keys already lower case
   * @param body the exact body bytes; {@code body_md5} is added when non-empty
   * @param timestampSeconds Unix time in seconds
   * @return the signature and the query to send
   */
  Signed sign(
      String method, String path, Map<String, String> params, byte[] body, long timestampSeconds) {
    if (params.isEmpty() && plainPrefix != null) {
      return signWithoutParams(method, path, body, timestampSeconds);
    }
    TreeMap<String, String> query = new TreeMap<>(params);
    query.put("auth_key", key);
    query.put("auth_timestamp", Long.toString(timestampSeconds));
    query.put("auth_version", "1.0");
    if (body.length > 0) {
      query.put("body_md5", Hmac.md5Hex(body));
    }
    StringBuilder canonical = new StringBuilder(128);
    StringBuilder wire = new StringBuilder(160);
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (canonical.length() > 0) {
        canonical.append('&');
        wire.append('&');
      }
      canonical.append(e.getKey()).append('=').append(e.getValue());
      wire.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    }
    String stringToSign = method + '\n' + path + '\n' + canonical;
    String signature = hmac.hex(stringToSign);
    wire.append("&auth_signature=").append(signature);
    return new Signed(stringToSign, signature, wire.toString());
  }

  /**
   * The common case, a call without extra parameters (every trigger): the query is {@code
   * auth_key}, {@code auth_timestamp}, {@code auth_version} and {@code body_md5}, already in sorted
   * order, and none of the values needs encoding, so the signed query and the sent one are the same
   * text, written once.
   */
  private Signed signWithoutParams(String method, String path, byte[] body, long timestamp) {
    StringBuilder sb = new StringBuilder(method.length() + path.length() + 160);
    sb.append(method).append('\n').append(path).append('\n');
    int queryStart = sb.length();
    sb.append(plainPrefix).append(timestamp).append("&auth_version=1.0");
    if (body.length > 0) {
      sb.append("&body_md5=").append(Hmac.md5Hex(body));
    }
    String stringToSign = sb.toString();
    String signature = hmac.hex(stringToSign);
    String wireQuery =
        sb.delete(0, queryStart).append("&auth_signature=").append(signature).toString();
    return new Signed(stringToSign, signature, wireQuery);
  }

  /** RFC 3986 percent-encoding; values made only of unreserved characters pass through as is. */
  static String encode(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean unreserved =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '~';
      if (!unreserved) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
            .replace("+", "%20")
            .replace("*", "%2A")
            .replace("%7E", "~");
      }
    }
    return value;
  }
}
