package io.channels4j.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.channels4j.testkit.WebhookDelivery;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Posts webhooks, signed as the service signs them, to a receiver on this machine. */
public final class WebhookSender {
  private final String key;
  private final SignatureCheck signatures;
  private final Clock clock;

  /**
   * A sender for one app.
   *
   * @param key the app key, sent as {@code X-Pusher-Key}
   * @param signatures signs the bodies under the app secret
   * @param clock stamps {@code time_ms}
   */
  public WebhookSender(String key, SignatureCheck signatures, Clock clock) {
    this.key = key;
    this.signatures = signatures;
    this.clock = clock;
  }

  /**
   * Sends {@code {"time_ms":NOW,"events":[...]}}, signed.
   *
   * @param target an {@code http://127.0.0.1:PORT/...} URI
   * @param events the events
   * @return what the receiver answered
   */
  public WebhookDelivery send(URI target, List<Map<String, Object>> events) {
    checkLoopback(target);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("time_ms", clock.millis());
    payload.put("events", List.copyOf(events));
    byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the events cannot be written as JSON", e);
    }
    return sendRaw(target, body, key, signatures.hmacHex(body));
  }

  /**
   * Sends a body with these headers as they are.
   *
   * @param target an {@code http://127.0.0.1:PORT/...} URI
   * @param body the body
   * @param key the {@code X-Pusher-Key} header
   * @param signature the {@code X-Pusher-Signature} header
   * @return what the receiver answered
   */
  public WebhookDelivery sendRaw(URI target, byte[] body, String key, String signature) {
    checkLoopback(target);
    try {
      HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
      c.setConnectTimeout(5_000);
      c.setReadTimeout(10_000);
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.setRequestProperty("Content-Type", "application/json");
      c.setRequestProperty("X-Pusher-Key", key);
      c.setRequestProperty("X-Pusher-Signature", signature);
      c.setFixedLengthStreamingMode(body.length);
      try (OutputStream out = c.getOutputStream()) {
        out.write(body);
      }
      int status = c.getResponseCode();
      InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
      String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
      c.disconnect();
      return new WebhookDelivery(status, answer, body, key, signature);
    } catch (IOException e) {
      throw new UncheckedIOException("webhook to " + target + " failed: " + e.getMessage(), e);
    }
  }

  private static void checkLoopback(URI target) {
    Objects.requireNonNull(target, "target");
    if (!"http".equals(target.getScheme()) || !"127.0.0.1".equals(target.getHost())) {
      throw new IllegalArgumentException(
          "webhook target must be http://127.0.0.1:PORT/...: the test server sends webhooks to"
              + " this machine only, but the target is "
              + target.getScheme()
              + "://"
              + target.getHost());
    }
  }
}
