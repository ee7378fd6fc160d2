package io.channels4j.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeTest {

  private static final String NONCE = "sjklahvpWWQgAjTx5FfYHCCxd2AmaL9T";
  private static final String CIPHERTEXT = "zoDEe8dA3nDXKsybAWce/hXGW4szJw==";

  @Test
  void formatsNonceThenCiphertextAsPaddedStandardBase64() {
    byte[] nonce = new byte[24];
    byte[] ciphertext = {(byte) 0xfb, (byte) 0xff, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06};

    assertThat(Envelope.format(nonce, ciphertext))
        .isEqualTo(
            "{\"nonce\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\",\"ciphertext\":\"+/8AAQIDBAUG\"}");
  }

  @Test
  void formatsWhatItParses() {
    String json = "{\"nonce\":\"" + NONCE + "\",\"ciphertext\":\"" + CIPHERTEXT + "\"}";

    Envelope envelope = Envelope.parse(json);

    assertThat(Envelope.format(envelope.nonce(), envelope.ciphertext())).isEqualTo(json);
  }

  @Test
  void parsesMembersInAnyOrderWithAnyWhitespace() {
    Envelope envelope =
        Envelope.parse(
            " {\n  \"ciphertext\" : \"" + CIPHERTEXT + "\",\n\t\"nonce\": \"" + NONCE + "\" }\n");

    assertThat(envelope.nonce()).isEqualTo(Base64.getDecoder().decode(NONCE));
    assertThat(envelope.ciphertext()).isEqualTo(Base64.getDecoder().decode(CIPHERTEXT));
  }

  @Test
  void parsesJsonEscapesInsideStrings() {
    String escapedSlash = CIPHERTEXT.replace("/", "\\/");

    Envelope envelope =
        Envelope.parse("{\"nonce\":\"" + NONCE + "\",\"ciphertext\":\"" + escapedSlash + "\"}");

    assertThat(envelope.ciphertext()).isEqualTo(Base64.getDecoder().decode(CIPHERTEXT));
  }

  @Test
  void ignoresOtherMembers() {
    Envelope envelope =
        Envelope.parse(
            "{\"v\":1,\"nonce\":\""
                + NONCE
                + "\",\"extra\":{\"a\":[1,{\"b\":null}]},\"ciphertext\":\""
                + CIPHERTEXT
                + "\"}");

    assertThat(envelope.nonce()).hasSize(24);
  }

  @Test
  void handsOutCopiesOfItsBytes() {
    Envelope envelope =
        Envelope.parse("{\"nonce\":\"" + NONCE + "\",\"ciphertext\":\"" + CIPHERTEXT + "\"}");

    envelope.nonce()[0] ^= 1;
    envelope.ciphertext()[0] ^= 1;

    assertThat(envelope.nonce()).isEqualTo(Base64.getDecoder().decode(NONCE));
    assertThat(envelope.ciphertext()).isEqualTo(Base64.getDecoder().decode(CIPHERTEXT));
  }

  @Test
  void rejectsDeeplyNestedJsonAsMalformed() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    String json = "{\"nonce\":\"" + NONCE + "\",\"x\":" + deep + "}";

    assertThatThrownBy(() -> Envelope.parse(json))
        .isExactlyInstanceOf(IllegalArgumentException.class);
  }

  static Stream<Arguments> malformedEnvelopes() {
    String nonce = "\"nonce\":\"" + NONCE + "\"";
    String ciphertext = "\"ciphertext\":\"" + CIPHERTEXT + "\"";
    return Stream.of(
        Arguments.of(null, "must not be null"),
        Arguments.of("", "must be a JSON object"),
        Arguments.of("   ", "must be a JSON object"),
        Arguments.of("null", "must be a JSON object"),
        Arguments.of("[]", "must be a JSON object"),
        Arguments.of("\"" + NONCE + "\"", "must be a JSON object"),
        Arguments.of("{", "not valid JSON"),
        Arguments.of("{" + nonce + "," + ciphertext, "not valid JSON"),
        Arguments.of("{'nonce':'" + NONCE + "'}", "not valid JSON"),
        Arguments.of("{" + nonce + "," + ciphertext + ",}", "not valid JSON"),
        Arguments.of("{" + nonce + "," + ciphertext + "} x", "not valid JSON"),
        Arguments.of("{" + nonce + "," + ciphertext + "}{}", "content after the JSON object"),
        Arguments.of("{}", "no \"nonce\""),
        Arguments.of("{" + ciphertext + "}", "no \"nonce\""),
        Arguments.of("{" + nonce + "}", "no \"ciphertext\""),
        Arguments.of("{" + nonce + "," + nonce + "," + ciphertext + "}", "more than one \"nonce\""),
        Arguments.of(
            "{" + nonce + "," + ciphertext + "," + ciphertext + "}",
            "more than one \"ciphertext\""),
        Arguments.of("{\"nonce\":null," + ciphertext + "}", "\"nonce\" must be a JSON string"),
        Arguments.of("{" + nonce + ",\"ciphertext\":[]}", "\"ciphertext\" must be a JSON string"),
        Arguments.of(
            "{\"nonce\":\"sjkl*hvp\"," + ciphertext + "}", "\"nonce\" is not valid base64"),
        Arguments.of("{" + nonce + ",\"ciphertext\":\"zoDE=e8d\"}", "not valid base64"),
        Arguments.of(
            "{\"nonce\":\"" + NONCE.substring(4) + "\"," + ciphertext + "}",
            "\"nonce\" must decode to 24 bytes, got 21"),
        Arguments.of(
            "{" + nonce + ",\"ciphertext\":\"AAAAAAAAAAAAAAAAAAAA\"}",
            "\"ciphertext\" must decode to at least 16 bytes, got 15"));
  }

  @ParameterizedTest
  @MethodSource("malformedEnvelopes")
  void rejectsMalformedEnvelopeNamingTheProblem(String json, String problem) {
    assertThatThrownBy(() -> Envelope.parse(json))
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(problem);
  }
}
