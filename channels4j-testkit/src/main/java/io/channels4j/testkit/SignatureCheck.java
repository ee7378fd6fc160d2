package io.channels4j.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a signed HTTP API request the way the service does (protocol: decode the query, drop
 * {@code auth_signature}, lower-case and sort the keys, HMAC-SHA256 over method, path and query).
 * Written independently of the client's signer, so a bug there cannot hide here.
 */
final class SignatureCheck {
  private final String appKey;
  private final byte[] secret;
  private final Clock clock;
  private final Duration tolerance;

  SignatureCheck(String appKey, String secret, Clock clock, Duration tolerance) {
    this.appKey = appKey;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
    this.tolerance = tolerance;
  }

  /**
   * Checks a request.
   *
   * @return null when it is genuine, else the service's 401 message
   */
  String verify(String method, String rawPath, Map<String, String> query, byte[] body) {
    for (String required : new String[] {"auth_key", "auth_timestamp", "auth_version"}) {
      if (!query.containsKey(required)) {
        return "Missing parameter: " + required;
      }
    }
    if (!query.containsKey("auth_signature")) {
      return "Missing parameter: auth_signature";
    }
    if (!appKey.equals(query.get("auth_key"))) {
      return "Unknown auth_key";
    }
    if (!"1.0".equals(query.get("auth_version"))) {
      return "Version not supported: auth_version must be 1.0";
    }
    long timestamp;
    try {
      timestamp = Long.parseLong(query.get("auth_timestamp"));
    } catch (NumberFormatException e) {
      return "Invalid auth_timestamp: must be a Unix time in seconds";
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - timestamp) > tolerance.toSeconds()) {
      return "Timestamp expired: Given timestamp ("
          + Instant.ofEpochSecond(timestamp)
          + ") not within "
          + tolerance.toSeconds()
          + "s of server time ("
          + Instant.ofEpochSecond(now)
          + ")";
    }
    if (body.length > 0) {
      String md5 = query.get("body_md5");
      if (md5 == null) {
        return "Missing parameter: body_md5 (required for a request with a body)";
      }
      if (!md5.equals(hex(digest("MD5", body)))) {
        return "Invalid body_md5: it does not match the body";
      }
    }
    TreeMap<String, String> canonical = new TreeMap<>();
    query.forEach(
        (k, v) -> {
          if (!k.equals("auth_signature")) {
            canonical.put(k.toLowerCase(Locale.ROOT), v);
          }
        });
    StringBuilder sb = new StringBuilder(method).append('\n').append(rawPath).append('\n');
    boolean first = true;
    for (Map.Entry<String, String> e : canonical.entrySet()) {
      if (!first) {
        sb.append('&');
      }
      first = false;
      sb.append(e.getKey()).append('=').append(e.getValue());
    }
    String stringToSign = sb.toString();
    String expected = hmacHex(stringToSign.getBytes(StandardCharsets.UTF_8));
    String given = query.get("auth_signature");
    if (!MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      return "Invalid signature: you should have sent HmacSHA256Hex(\""
          + stringToSign.replace("\n", "\\n")
          + "\", your_secret_key), but you sent \""
          + given
          + "\"";
    }
    return null;
  }

  /** Signs a webhook body: lowercase hex HMAC-SHA256 under the app secret. */
  String hmacHex(byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return hex(mac.doFinal(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /**
   * Decodes a raw query string the way the service does ({@code +} is a space, {@code %XX} an
   * escape). A key given twice keeps its last value.
   *
   * @throws IllegalArgumentException on a malformed escape
   */
  static Map<String, String> decodeQuery(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }

  static String hex(byte[] bytes) {
    char[] digits = "0123456789abcdef".toCharArray();
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = digits[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = digits[bytes[i] & 0xf];
    }
    return new String(out);
  }
}
