package io.channels4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.channels4j.ChannelAttribute;
import io.channels4j.internal.protocol.ChannelNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Trigger bodies and the parsing of answers. */
class JsonTest {

  /** The trigger body as a Jackson generator writes it: the bytes Json.triggerBody must match. */
  private static byte[] jacksonTriggerBody(
      List<String> channels, String name, String data, String socketId, String info)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = TestJson.MAPPER.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("name", name);
      g.writeStringField("data", data);
      g.writeArrayFieldStart("channels");
      for (String c : channels) {
        g.writeString(c);
      }
      g.writeEndArray();
      if (socketId != null) {
        g.writeStringField("socket_id", socketId);
      }
      if (info != null) {
        g.writeStringField("info", info);
      }
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  @Test
  void writesTheReferenceTriggerBody() {
    byte[] body =
        Json.triggerBody(List.of("project-3"), "foo", "{\"some\":\"data\"}", null, Set.of());

    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"name\":\"foo\",\"data\":\"{\\\"some\\\":\\\"data\\\"}\",\"channels\":[\"project-3\"]}");
  }

  @Test
  void writesSocketIdAndInfoAfterTheChannels() {
    byte[] body =
        Json.triggerBody(
            List.of("a", "b"),
            "e",
            "d",
            "123.456",
            EnumSet.of(ChannelAttribute.USER_COUNT, ChannelAttribute.SUBSCRIPTION_COUNT));

    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"name\":\"e\",\"data\":\"d\",\"channels\":[\"a\",\"b\"],\"socket_id\":\"123.456\","
                + "\"info\":\"user_count,subscription_count\"}");
  }

  @Test
  void writesControlCharactersAndNonAsciiAsJacksonDoes() throws IOException {
    String data = "tab\there \u00e9\u20ac \ud83d\ude00 nul\u0000 \\ \" del\u007f";

    byte[] body = Json.triggerBody(List.of("c"), "name\n", data, null, Set.of());

    assertThat(body).isEqualTo(jacksonTriggerBody(List.of("c"), "name\n", data, null, null));
  }

  @Property(tries = 300)
  void triggerBodiesAreJacksonsBytes(
      @ForAll("text") String name,
      @ForAll("text") String data,
      @ForAll("channels") List<String> channels,
      @ForAll boolean withSocketId)
      throws IOException {
    String socketId = withSocketId ? "1.2" : null;

    byte[] body = Json.triggerBody(channels, name, data, socketId, Set.of());

    assertThat(body).isEqualTo(jacksonTriggerBody(channels, name, data, socketId, null));
  }

  @Property(tries = 300)
  void checkedChannelsAreCopiedToTheSameBytesAsJacksonWrites(
      @ForAll("text") String name,
      @ForAll("text") String data,
      @ForAll("checkedChannels") List<String> channels,
      @ForAll boolean withSocketId)
      throws IOException {
    String socketId = withSocketId ? "1.2" : null;

    byte[] body = Json.checkedTriggerBody(channels, name, data, socketId, Set.of());

    assertThat(body).isEqualTo(jacksonTriggerBody(channels, name, data, socketId, null));
  }

  @Provide
  Arbitrary<List<String>> checkedChannels() {
    // Every name the client's checks let through: the whole charset, and users' own channels.
    Arbitrary<String> name =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withCharRange('A', 'Z')
            .withCharRange('0', '9')
            .withChars('-', '_', '=', '@', ',', '.', ';')
            .ofMinLength(1)
            .ofMaxLength(200)
            .filter(n -> ChannelNames.isValid(n) && !n.matches("\\.+"));
    return Arbitraries.oneOf(name, name.map(id -> "#server-to-user-" + id))
        .list()
        .ofMinSize(1)
        .ofMaxSize(100);
  }

  @Provide
  Arbitrary<String> text() {
    // Mostly printable ASCII with quotes and backslashes (the hand-written path), sometimes any
    // character (Jackson's path).
    return Arbitraries.oneOf(
        Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().withChars('"', '\\', 'a', ' ').ofMinLength(1).ofMaxLength(10),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(20));
  }

  @Provide
  Arbitrary<List<String>> channels() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars('-', '_', '=', '@', ',', '.', ';')
        .ofMinLength(1)
        .ofMaxLength(20)
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Test
  void readsTheEmptyObjectAndAnEmptyBodyAsAnEmptyObject() throws IOException {
    assertThat(Json.parse("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(Map.of());
    assertThat(Json.parse(new byte[0])).isEqualTo(Map.of());
  }

  @Test
  void readsAnErrorBodyWithItsFields() throws IOException {
    Object parsed =
        Json.parse("{\"error\":\"App not found\",\"code\":404}".getBytes(StandardCharsets.UTF_8));

    assertThat(parsed).isEqualTo(Map.of("error", "App not found", "code", 404));
  }

  @Test
  void readsNestedValuesInTheirOrderWithJavaTypes() throws IOException {
    Object parsed =
        Json.parse("{\"b\":[1,2.5,12345678901,123456789012345678901234567890,true,null],\"a\":{}}");

    assertThat(parsed).isInstanceOf(Map.class);
    assertThat(List.copyOf(((Map<?, ?>) parsed).keySet())).isEqualTo(List.of("b", "a"));
    assertThat(((Map<?, ?>) parsed).get("b"))
        .isEqualTo(
            java.util.Arrays.asList(
                1,
                2.5,
                12345678901L,
                new java.math.BigInteger("123456789012345678901234567890"),
                true,
                null));
  }

  @Test
  void refusesTrailingContentAndTruncatedDocuments() {
    assertThatThrownBy(() -> Json.parse("{} {}")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Json.parse("{\"a\":")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> Json.parse("")).isInstanceOf(IOException.class);
    assertThat(Json.isJson("[1, {\"a\": null}]")).isTrue();
    assertThat(Json.isJson("[1] 2")).isFalse();
    assertThat(Json.isJson("{")).isFalse();
  }

  /** Plain payloads are written byte for byte as Jackson databind's default mapper writes them. */
  @Property(tries = 300)
  void writesPlainValuesExactlyAsDatabind(@ForAll("plainValues") Object value) throws Exception {
    assertThat(Json.writePlain(value, false)).isEqualTo(TestJson.MAPPER.writeValueAsString(value));
  }

  @Test
  void leavesRecordsAndMapsWithOtherKeysToAnEncoder() {
    assertThatThrownBy(() -> Json.writePlain(new Object(), false))
        .isInstanceOf(Json.Unsupported.class);
    assertThatThrownBy(() -> Json.writePlain(Map.of(1, "a"), false))
        .isInstanceOf(Json.Unsupported.class);
    assertThatThrownBy(() -> Json.writePlain(List.of(Map.of("a", java.time.Instant.EPOCH)), false))
        .isInstanceOf(Json.Unsupported.class);
  }

  @Provide
  Arbitrary<Object> plainValues() {
    Arbitrary<Object> scalars =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(12).map(s -> (Object) s),
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.longs().map(l -> (Object) l),
            Arbitraries.doubles().map(d -> (Object) d),
            Arbitraries.floats().map(f -> (Object) f),
            Arbitraries.bigDecimals().map(d -> (Object) d),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.chars().map(c -> (Object) c),
            Arbitraries.just(null));
    Arbitrary<Object> lists = scalars.list().ofMaxSize(4).map(l -> (Object) l);
    Arbitrary<Object> maps =
        Arbitraries.maps(
                Arbitraries.strings().all().ofMaxLength(6), Arbitraries.oneOf(scalars, lists))
            .ofMaxSize(4)
            .map(m -> (Object) new java.util.LinkedHashMap<>(m));
    return Arbitraries.oneOf(scalars, lists, maps);
  }
}
