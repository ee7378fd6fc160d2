package io.channels4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChannelAuthorizationTest {

  @Test
  void rendersOnlyAuthWhenAlone() {
    assertThat(new ChannelAuthorization("k:s", Optional.empty(), Optional.empty()).toJson())
        .isEqualTo("{\"auth\":\"k:s\"}");
  }

  @Test
  void rendersFieldsInTheOrderClientsAndVectorsUse() {
    assertThat(
            new ChannelAuthorization("k:s", Optional.of("{\"a\":1}"), Optional.of("c2VjcmV0="))
                .toJson())
        .isEqualTo(
            "{\"auth\":\"k:s\",\"channel_data\":\"{\\\"a\\\":1}\",\"shared_secret\":\"c2VjcmV0=\"}");
  }

  @Test
  void rendersPureAsciiWhateverTheChannelData() {
    String json =
        new ChannelAuthorization("k:s", Optional.of("\"é😀\\\n\t\u0001\u007f\""), Optional.empty())
            .toJson();

    assertThat(json)
        .isEqualTo(
            "{\"auth\":\"k:s\",\"channel_data\":\"\\\"\\u00e9\\ud83d\\ude00\\\\\\n\\t\\u0001\\u007f\\\"\"}");
    assertThat(json.chars().allMatch(c -> c < 0x80)).isTrue();
  }

  @Test
  void toStringHidesTheSharedSecret() {
    String text =
        new ChannelAuthorization("k:s", Optional.empty(), Optional.of("c2VjcmV0ZGF0YQ=="))
            .toString();

    assertThat(text).doesNotContain("c2VjcmV0ZGF0YQ==").contains("sharedSecret=<redacted>");
  }

  @Test
  void rejectsNulls() {
    assertThatThrownBy(() -> new ChannelAuthorization(null, Optional.empty(), Optional.empty()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new ChannelAuthorization("a", null, Optional.empty()))
        .isInstanceOf(NullPointerException.class);
  }
}
