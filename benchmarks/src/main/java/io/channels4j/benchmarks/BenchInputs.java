package io.channels4j.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The inputs every contender gets, in the microbenchmarks and in the load driver alike, so that no
 * library is measured on easier data than another.
 *
 * <p>Values that a library turns into JSON itself are given both as a JSON text (for libraries that
 * take raw JSON) and as plain Java values (for libraries that serialise objects, like
 * pusher-http-java); both describe the same JSON.
 */
public final class BenchInputs {

  /** App id of the benchmark app (numeric, as on Pusher). */
  public static final String APP_ID = "1234567";

  /** App key: 20 hex characters, the shape Pusher issues. */
  public static final String KEY = "a1b2c3d4e5f6a7b8c9d0";

  /** App secret: 20 hex characters, the shape Pusher issues. */
  public static final String SECRET = "0f1e2d3c4b5a69788796";

  /** A socket id in the form Pusher and soketi issue. */
  public static final String SOCKET_ID = "123456.7890123";

  /** Channel for private-channel authorization. */
  public static final String PRIVATE_CHANNEL = "private-bench-channel";

  /** Channel for presence-channel authorization. */
  public static final String PRESENCE_CHANNEL = "presence-bench-channel";

  /** Presence member id (a string). */
  public static final String USER_ID = "42";

  /** Presence member info / user info, as Java values. */
  public static final Map<String, Object> USER_INFO = Map.of("name", "Bench User");

  /** The presence {@code channel_data} that {@link #USER_ID} and {@link #USER_INFO} describe. */
  public static final String PRESENCE_CHANNEL_DATA =
      "{\"user_id\":\"42\",\"user_info\":{\"name\":\"Bench User\"}}";

  /** The {@code user_data} for user authentication (sign-in). */
  public static final String USER_DATA = "{\"id\":\"42\",\"user_info\":{\"name\":\"Bench User\"}}";

  /** Channel the trigger is sent to. */
  public static final String TRIGGER_CHANNEL = "bench-channel";

  /** Event name of the trigger. */
  public static final String TRIGGER_EVENT = "bench";

  /** The event payload as JSON text, sent verbatim as the {@code data} string. */
  public static final String TRIGGER_DATA_JSON = "{\"n\":1}";

  /**
   * The event payload as Java values, for libraries that always serialise the payload (Gson turns
   * it into exactly {@link #TRIGGER_DATA_JSON}).
   */
  public static final Map<String, Object> TRIGGER_DATA_OBJECT = Map.of("n", 1);

  /**
   * The reference trigger body: what the raw-socket and plain-JDK contenders send byte for byte.
   * Libraries may order the fields differently; the verifier then requires a semantically equal
   * body.
   */
  public static final String TRIGGER_BODY =
      "{\"name\":\"bench\",\"channels\":[\"bench-channel\"],\"data\":\"{\\\"n\\\":1}\"}";

  /** The channels of the reference trigger body. */
  public static final List<String> TRIGGER_CHANNELS = List.of(TRIGGER_CHANNEL);

  /** A realistic webhook body of about 1 KB (a batch of client events), as sent by Pusher. */
  public static final String WEBHOOK_BODY = webhookBody();

  /**
   * {@link #WEBHOOK_BODY} as UTF-8 bytes, for APIs that take the raw request body (as a server
   * receives it). Shared: never modify it.
   */
  public static final byte[] WEBHOOK_BODY_BYTES = WEBHOOK_BODY.getBytes(StandardCharsets.UTF_8);

  /** Valid {@code X-Pusher-Signature} of {@link #WEBHOOK_BODY} under {@link #SECRET}. */
  public static final String WEBHOOK_SIGNATURE = hmacSha256Hex(SECRET, WEBHOOK_BODY);

  private BenchInputs() {}

  /**
   * Lowercase hex HMAC-SHA256 of a UTF-8 message, keyed with the UTF-8 bytes of a secret.
   *
   * @param secret the key
   * @param message the message
   * @return 64 lowercase hex characters
   */
  public static String hmacSha256Hex(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * Lowercase hex MD5 of bytes, as used for {@code body_md5}.
   *
   * @param bytes the bytes
   * @return 32 lowercase hex characters
   */
  public static String md5Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is not available", e);
    }
  }

  private static String webhookBody() {
    StringBuilder sb = new StringBuilder(1100).append("{\"time_ms\":1700000000000,\"events\":[");
    for (int i = 0; i < 5; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append("{\"name\":\"client_event\",\"channel\":\"private-bench-channel\",")
          .append("\"event\":\"client-typing\",\"data\":\"{\\\"user\\\":\\\"u")
          .append(i)
          .append("\\\",\\\"text\\\":\\\"hello from the benchmark\\\"}\",")
          .append("\"socket_id\":\"123456.789012")
          .append(i)
          .append("\"}");
    }
    String body = sb.append("]}").toString();
    if (body.length() < 900 || body.length() > 1200) {
      throw new IllegalStateException("webhook body should be about 1 KB, is " + body.length());
    }
    return body;
  }
}
