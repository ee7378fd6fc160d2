package io.channels4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  private static String quote(String s, boolean asciiOnly) {
    StringBuilder sb = new StringBuilder();
    JsonText.appendString(sb, s, asciiOnly);
    return sb.toString();
  }

  @Test
  void leavesPlainTextAlone() {
    assertThat(quote("Mr. Pusher / 10", false)).isEqualTo("\"Mr. Pusher / 10\"");
  }

  @Test
  void escapesQuotesBackslashesAndControls() {
    assertThat(quote("a\"b\\c\nd\re\tf\bg\fh\u0000i\u001f", false))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0000i\\u001f\"");
  }

  @Test
  void keepsNonAsciiUnlessAsked() {
    assertThat(quote("ł😀", false)).isEqualTo("\"ł😀\"");
    assertThat(quote("ł😀", true)).isEqualTo("\"\\u0142\\ud83d\\ude00\"");
  }

  @Test
  void writesEveryControlCharacterAsJsonStringifyDoes() throws Exception {
    // JSON.stringify (what the Node library signs) writes lower-case hex; so does Jackson without
    // WRITE_HEX_UPPER_CASE.
    com.fasterxml.jackson.databind.ObjectWriter lowerHex =
        TestJson.MAPPER
            .writer()
            .without(com.fasterxml.jackson.core.json.JsonWriteFeature.WRITE_HEX_UPPER_CASE);
    for (char c = 0; c < 0x20; c++) {
      String s = "x" + c + "y";

      assertThat(quote(s, false)).isEqualTo(lowerHex.writeValueAsString(s));
    }
  }

  @Test
  void keepsDeleteAsJsonStringifyDoesUnlessAsciiOnly() {
    assertThat(quote("a\u007fb", false)).isEqualTo("\"a\u007fb\"");
    assertThat(quote("a\u007fb", true)).isEqualTo("\"a\\u007fb\"");
  }

  @Test
  void escapesUnpairedSurrogatesAlways() {
    assertThat(quote("a\ud800b\udc00", false)).isEqualTo("\"a\\ud800b\\udc00\"");
  }

  @Test
  void findsUnpairedSurrogates() {
    assertThat(JsonText.firstUnpairedSurrogate("ok😀")).isEqualTo(-1);
    assertThat(JsonText.firstUnpairedSurrogate("a\ud83d")).isEqualTo(1);
    assertThat(JsonText.firstUnpairedSurrogate("\ude00\ud83d")).isEqualTo(0);
  }

  @Property
  void jacksonReadsBackEveryString(@ForAll String s, @ForAll boolean asciiOnly) throws Exception {
    JsonNode parsed = TestJson.MAPPER.readTree(quote(s, asciiOnly));

    assertThat(parsed.textValue()).isEqualTo(s);
  }

  @Test
  void rendersFlatAsciiObjectsLeavingOutNullFields() {
    assertThat(JsonText.asciiObject("a", "1", "b", null, "c", "x\"y"))
        .isEqualTo("{\"a\":\"1\",\"c\":\"x\\\"y\"}");
    assertThat(JsonText.asciiObject("a", "", null, null, null, null)).isEqualTo("{\"a\":\"\"}");
  }

  @Test
  void rendersValuesLargerThanTheKeptBuffer() throws Exception {
    String big = "\"ł\n".repeat(20_000);

    JsonNode parsed =
        TestJson.MAPPER.readTree(JsonText.asciiObject("k", big, "k2", "v", null, null));

    assertThat(parsed.get("k").textValue()).isEqualTo(big);
    assertThat(parsed.get("k2").textValue()).isEqualTo("v");
    // The next, small call still works with the kept buffer.
    assertThat(JsonText.asciiObject("k", "v", null, null, null, null)).isEqualTo("{\"k\":\"v\"}");
  }

  @Test
  void escapesUnpairedSurrogatesOfJsonText() {
    assertThat(JsonText.escapeUnpairedSurrogates("{\"a\":\"\ud800😀\udc00\"}"))
        .isEqualTo("{\"a\":\"\\ud800😀\\udc00\"}");
    String clean = "{\"a\":\"ok\"}";
    assertThat(JsonText.escapeUnpairedSurrogates(clean)).isSameAs(clean);
  }

  @Property
  void asciiObjectsReadBackAndAreAscii(@ForAll String a, @ForAll String b, @ForAll boolean withB)
      throws Exception {
    String json = JsonText.asciiObject("a", a, "b", withB ? b : null, null, null);

    JsonNode parsed = TestJson.MAPPER.readTree(json);
    assertThat(parsed.get("a").textValue()).isEqualTo(a);
    assertThat(parsed.has("b")).isEqualTo(withB);
    if (withB) {
      assertThat(parsed.get("b").textValue()).isEqualTo(b);
    }
    assertThat(json.chars().allMatch(c -> c < 0x80)).isTrue();
  }
}
