package io.channels4j.interop.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Pusher-Signature} of a webhook as the Pusher documentation defines it: the lowercase
 * hex HMAC-SHA256 of the raw body, keyed with the app secret. Written with {@code javax.crypto} so
 * the tests sign without reaching into channels4j's internals.
 */
public final class WebhookSignature {
  private WebhookSignature() {}

  /**
   * Signs a webhook body.
   *
   * @param secret the app secret
   * @param body the raw body bytes
   * @return the signature header's value
   */
  public static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}
