package io.channels4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channels4j.Pusher;
import io.channels4j.webhook.ChannelOccupied;
import io.channels4j.webhook.ClientEvent;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.InvalidWebhookException.Reason;
import io.channels4j.webhook.MemberAdded;
import io.channels4j.webhook.SubscriptionCount;
import io.channels4j.webhook.Webhook;
import io.channels4j.webhook.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Valid webhooks round-trip; any change to body, signature or key is refused; and no input, however
 * random, makes verification throw anything but InvalidWebhookException.
 */
class WebhookVerifierPropertiesTest {
  private static final String KEY = "app-key";
  private static final String SECRET = "app-secret";
  private static final Pusher PUSHER =
      TestClients.builder(KEY, SECRET).webhookToken("old-key", "old-secret").build();

  @AfterContainer
  static void close() {
    PUSHER.close();
  }

  @Provide
  Arbitrary<WebhookEvent> events() {
    Arbitrary<String> channels = Arbitraries.strings().ofMinLength(1).ofMaxLength(30);
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(30);
    return Arbitraries.oneOf(
        channels.map(ChannelOccupied::new),
        Combinators.combine(channels, text).as(MemberAdded::new),
        Combinators.combine(channels, Arbitraries.integers()).as(SubscriptionCount::new),
        Combinators.combine(channels, text, text, text.optional(), text.optional())
            .as(ClientEvent::new));
  }

  /** Writes the body with Jackson's tree model, independently of the verifier's reader. */
  private static byte[] body(long timeMs, List<WebhookEvent> events) {
    ObjectNode root = TestJson.MAPPER.createObjectNode();
    root.put("time_ms", timeMs);
    ArrayNode array = root.putArray("events");
    for (WebhookEvent e : events) {
      ObjectNode o = array.addObject();
      o.put("name", e.name());
      o.put("channel", e.channel());
      if (e instanceof MemberAdded m) {
        o.put("user_id", m.userId());
      } else if (e instanceof SubscriptionCount s) {
        o.put("subscription_count", s.subscriptionCount());
      } else if (e instanceof ClientEvent c) {
        o.put("event", c.event());
        o.put("data", c.data());
        c.socketId().ifPresent(id -> o.put("socket_id", id));
        c.userId().ifPresent(id -> o.put("user_id", id));
      }
    }
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Property(tries = 300)
  void validWebhooksRoundTrip(
      @ForAll @Size(max = 5) List<@From("events") WebhookEvent> events,
      @ForAll @IntRange(min = 0) int timeMs,
      @ForAll boolean oldToken) {
    byte[] body = body(timeMs, events);
    String key = oldToken ? "old-key" : KEY;
    String signature = TestHmac.hex(oldToken ? "old-secret" : SECRET, body);
    Map<String, List<String>> headers = new HashMap<>();
    headers.put("x-pusher-key", List.of(key));
    headers.put("X-Pusher-Signature", List.of(signature));

    Webhook webhook = PUSHER.verifyWebhook(headers, body);

    assertThat(webhook.time()).isEqualTo(Instant.ofEpochMilli(timeMs));
    assertThat(webhook.events()).isEqualTo(events);
  }

  @Property(tries = 300)
  void anyChangedBodyIsRefused(
      @ForAll @Size(max = 3) List<@From("events") WebhookEvent> events,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll byte delta,
      @ForAll("mutations") int mutation) {
    byte[] body = body(1, events);
    String signature = TestHmac.hex(SECRET, body);
    int at = position % body.length;
    byte[] changed;
    switch (mutation) {
      case 0 -> {
        changed = body.clone();
        changed[at] = (byte) (changed[at] + (delta == 0 ? 1 : delta));
      }
      case 1 -> { // drop one byte
        changed = new byte[body.length - 1];
        System.arraycopy(body, 0, changed, 0, at);
        System.arraycopy(body, at + 1, changed, at, body.length - at - 1);
      }
      default -> { // insert one byte
        changed = new byte[body.length + 1];
        System.arraycopy(body, 0, changed, 0, at);
        changed[at] = delta;
        System.arraycopy(body, at, changed, at + 1, body.length - at);
      }
    }

    assertThatThrownBy(() -> PUSHER.verifyWebhook(KEY, signature, changed))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Provide
  Arbitrary<Integer> mutations() {
    return Arbitraries.integers().between(0, 2);
  }

  @Property(tries = 300)
  void anyChangedSignatureIsRefused(
      @ForAll @IntRange(min = 0, max = 63) int at,
      @ForAll("hexDigits") char replacement,
      @ForAll("mutations") int mutation) {
    byte[] body = body(1, List.of(new ChannelOccupied("a")));
    String signature = TestHmac.hex(SECRET, body);
    String changed =
        switch (mutation) {
          case 0 -> { // another hex value in that place (case does not count as a change)
            char original = signature.charAt(at);
            char other =
                Character.toLowerCase(replacement) == original
                    ? (original == '0' ? '1' : '0')
                    : replacement;
            yield signature.substring(0, at) + other + signature.substring(at + 1);
          }
          case 1 -> signature.substring(0, at) + signature.substring(at + 1);
          default -> signature.substring(0, at) + replacement + signature.substring(at);
        };

    assertThatThrownBy(() -> PUSHER.verifyWebhook(KEY, changed, body))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
  }

  @Provide
  Arbitrary<Character> hexDigits() {
    return Arbitraries.chars().with("0123456789abcdefABCDEF".toCharArray());
  }

  @Property(tries = 300)
  void anyOtherKeyIsRefused(@ForAll String key) {
    String trimmed = key.trim();
    if (trimmed.equals(KEY) || trimmed.equals("old-key")) {
      return;
    }
    byte[] body = body(1, List.of(new ChannelOccupied("a")));
    String signature = TestHmac.hex(SECRET, body);

    assertThatThrownBy(() -> PUSHER.verifyWebhook(key, signature, body))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(trimmed.isEmpty() ? Reason.MISSING_HEADER : Reason.UNKNOWN_KEY));
  }

  @Property(tries = 500)
  void randomBytesAndHeadersThrowOnlyInvalidWebhook(
      @ForAll byte[] body, @ForAll String key, @ForAll String signature) {
    Throwable thrown = catchThrowable(() -> PUSHER.verifyWebhook(key, signature, body));

    assertThat(thrown).isInstanceOf(InvalidWebhookException.class);
  }

  @Property(tries = 500)
  void randomSignedBytesThrowOnlyInvalidWebhook(@ForAll("signedBodies") byte[] body) {
    Throwable thrown =
        catchThrowable(() -> PUSHER.verifyWebhook(KEY, TestHmac.hex(SECRET, body), body));

    if (thrown != null) {
      assertThat(thrown)
          .isInstanceOfSatisfying(
              InvalidWebhookException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
    }
  }

  /** Random bytes, and random edits of real webhook JSON, which get further into the parser. */
  @Provide
  Arbitrary<byte[]> signedBodies() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> edited =
        Combinators.combine(
                events().list().ofMaxSize(3),
                Arbitraries.integers().between(0, 1000),
                Arbitraries.strings().withChars("{}[]\":,0-9.etrunfal\\ ").ofMaxLength(4))
            .as(
                (events, at, junk) -> {
                  String json = new String(body(1, events), StandardCharsets.UTF_8);
                  int i = at % (json.length() + 1);
                  return (json.substring(0, i) + junk + json.substring(i))
                      .getBytes(StandardCharsets.UTF_8);
                });
    return Arbitraries.oneOf(raw, edited);
  }

  @Property(tries = 300)
  void randomHeaderMapsThrowOnlyInvalidWebhook(
      @ForAll("headerMaps") Map<String, List<String>> headers, @ForAll byte[] body) {
    Throwable thrown = catchThrowable(() -> PUSHER.verifyWebhook(headers, body));

    assertThat(thrown).isInstanceOf(InvalidWebhookException.class);
  }

  @Provide
  Arbitrary<Map<String, List<String>>> headerMaps() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.of("X-Pusher-Key", "x-pusher-signature", "X-PUSHER-KEY", "Content-Type"),
            Arbitraries.strings().ofMaxLength(20),
            Arbitraries.just(null));
    Arbitrary<List<String>> values =
        Arbitraries.oneOf(
            Arbitraries.strings()
                .ofMaxLength(70)
                .injectNull(0.1)
                .list()
                .ofMaxSize(3)
                .map(ArrayList::new),
            Arbitraries.of(List.of(KEY), List.of("old-key")),
            Arbitraries.just(null));
    return Combinators.combine(names.list().ofMaxSize(5), values.list().ofSize(5))
        .as(
            (n, v) -> {
              Map<String, List<String>> map = new HashMap<>();
              for (int i = 0; i < n.size(); i++) {
                map.put(n.get(i), v.get(i));
              }
              return map;
            });
  }
}
