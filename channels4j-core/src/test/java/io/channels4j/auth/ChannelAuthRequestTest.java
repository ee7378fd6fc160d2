package io.channels4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.ValidationException;
import org.junit.jupiter.api.Test;

class ChannelAuthRequestTest {

  @Test
  void readsWhatPusherJsPosts() {
    // pusher-js encodes the channel with encodeURIComponent.
    ChannelAuthRequest request =
        ChannelAuthRequest.fromForm("socket_id=123.456&channel_name=presence-room%40a%3Bb");

    assertThat(request).isEqualTo(new ChannelAuthRequest("123.456", "presence-room@a;b"));
    assertThat(request.isPresence()).isTrue();
  }

  @Test
  void tellsPrivateFromPresence() {
    assertThat(new ChannelAuthRequest("1.1", "private-a").isPresence()).isFalse();
    assertThat(new ChannelAuthRequest("1.1", "private-encrypted-a").isPresence()).isFalse();
  }

  @Test
  void validatesUnderTheFormsFieldNames() {
    assertThatThrownBy(() -> new ChannelAuthRequest("1.1:", "private-a"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("socket_id must be digits, a dot and digits");
    assertThatThrownBy(() -> new ChannelAuthRequest("1.1", "private-a:b"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("channel_name may contain only");
  }

  @Test
  void refusesFormWithoutChannelName() {
    assertThatThrownBy(() -> ChannelAuthRequest.fromForm("socket_id=1.1"))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("form body must have the field channel_name");
  }
}
