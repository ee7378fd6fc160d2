package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.channels4j.RecordingServer.RecordedRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random requests over real HTTP: whatever the values, the server decodes exactly what was signed
 * and recomputes the same signature.
 */
class SignedRequestPropertyTest {
  private static final Set<String> RESERVED =
      Set.of("auth_key", "auth_timestamp", "auth_version", "auth_signature", "body_md5");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static RecordingServer server;
  private static Pusher pusher;

  @BeforeContainer
  static void start() {
    server = RecordingServer.start();
    pusher = server.clientBuilder().maxEventDataBytes(1024 * 1024).build();
  }

  @AfterContainer
  static void stop() {
    pusher.close();
    server.close();
  }

  /** Text rich in what breaks naive query building: space, +, &, =, %, #, non-ASCII, controls. */
  @Provide
  Arbitrary<String> trickyText() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(6),
            Arbitraries.of(
                " ", "+", "&", "=", "%", "#", "?", "/", "%20", "%2B", "é", "€", "😀", "\u00a0",
                "\t", "\n", "\r", "\"", "\\", "\u0001"));
    return piece.list().ofMaxSize(8).map(pieces -> String.join("", pieces));
  }

  @Provide
  Arbitrary<Map<String, String>> extraParams() {
    Arbitrary<String> keys =
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyz_")
            .ofMinLength(1)
            .ofMaxLength(12)
            .filter(k -> !RESERVED.contains(k));
    return Arbitraries.maps(keys, trickyText()).ofMaxSize(5);
  }

  @Property(tries = 150)
  void theServerDecodesTheSignedQueryValuesAndAgreesOnTheSignature(
      @ForAll("extraParams") Map<String, String> params) {
    pusher.channels(new ChannelsQuery(Optional.empty(), false, params));

    RecordedRequest request = server.takeRequest();
    Map<String, String> received = new TreeMap<>(request.query());
    received.keySet().removeAll(RESERVED);
    assertThat(received).isEqualTo(new TreeMap<>(params));
    assertThat(request.rawQuery()).matches("[A-Za-z0-9%&=._~-]+");
    request.assertSigned();
  }

  @Provide
  Arbitrary<List<String>> channels() {
    return Arbitraries.strings()
        .withChars("abcXYZ019_-=@,.;")
        .ofMinLength(1)
        .ofMaxLength(40)
        .filter(s -> !s.matches("\\.+")) // names of only dots are refused
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> eventName() {
    return trickyText().filter(s -> !s.isEmpty() && s.length() <= 200);
  }

  @Provide
  Arbitrary<String> data() {
    return trickyText().filter(s -> !s.isEmpty());
  }

  @Property(tries = 150)
  void theBodyCarriesExactlyTheEventAndItsMd5IsSigned(
      @ForAll("channels") List<String> channels,
      @ForAll("eventName") String event,
      @ForAll("data") String data)
      throws IOException {
    pusher.trigger(channels, event, data);

    RecordedRequest request = server.takeRequest();
    request.assertSigned();
    JsonNode body = JSON.readTree(request.body());
    assertThat(body.get("name").asText()).isEqualTo(event);
    assertThat(body.get("data").asText()).isEqualTo(data);
    List<String> sentChannels = new java.util.ArrayList<>();
    body.get("channels").forEach(c -> sentChannels.add(c.asText()));
    assertThat(sentChannels).isEqualTo(channels);
    assertThat(body.size()).isEqualTo(3);
  }
}
