package io.channels4j.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
public final class SignatureCheck {
  private final String appKey;
  private final byte[] secret;
  private final Clock clock;
  private final Duration tolerance;

  /**
   * A check against these credentials.
   *
   * @param appKey the key requests must name
   * @param secret the secret requests must be signed with
   * @param clock the server's clock
   * @param tolerance how far a request's timestamp may be from the clock
   */
  public SignatureCheck(String appKey, String secret, Clock clock, Duration tolerance) {
    this.appKey = appKey;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
    this.tolerance = tolerance;
  }

  /**
   * Checks the signed part of a request: key, version, timestamp and the signature over method,
   * path and query. Needs no body, so a forged request is known before its body is read; the body
   * is then checked against the signed {@code body_md5} by {@link #verifyBody}.
   *
   * @param method the method
   * @param rawPath the raw path
   * @param query the decoded query
   * @return null when it is genuine, else the service's 401 message
   */
  public String verifySigned(String method, String rawPath, Map<String, String> query) {
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

  /**
   * Checks a body against the {@code body_md5} of a query whose signature {@link #verifySigned}
   * accepted.
   *
   * @param query the decoded query
   * @param body the body
   * @return null when it matches, else the service's 401 message
   */
  public static String verifyBody(Map<String, String> query, byte[] body) {
    if (body.length > 0) {
      String md5 = query.get("body_md5");
      if (md5 == null) {
        return "Missing parameter: body_md5 (required for a request with a body)";
      }
      if (!md5.equals(hex(digest("MD5", body)))) {
        return "Invalid body_md5: it does not match the body";
      }
    }
    return null;
  }

  /**
   * Signs a webhook body: lowercase hex HMAC-SHA256 under the app secret.
   *
   * @param message the bytes to sign
   * @return the hex signature
   */
  public String hmacHex(byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return hex(mac.doFinal(message));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
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
