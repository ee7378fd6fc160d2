package io.channels4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.ChannelAttribute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
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
    try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
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
    assertThat(Json.parse("{}".getBytes(StandardCharsets.UTF_8)).isObject()).isTrue();
    assertThat(Json.parse("{}".getBytes(StandardCharsets.UTF_8)).size()).isZero();
    assertThat(Json.parse(new byte[0]).size()).isZero();
  }

  @Test
  void readsAnErrorBodyWithItsFields() throws IOException {
    JsonNode node =
        Json.parse("{\"error\":\"App not found\",\"code\":404}".getBytes(StandardCharsets.UTF_8));

    assertThat(node.get("error").asText()).isEqualTo("App not found");
    assertThat(node.get("code").intValue()).isEqualTo(404);
  }
}
