package io.channels4j.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelKindTest {

  @ParameterizedTest
  @CsvSource({
    "orders, PUBLIC",
    "privateorders, PUBLIC",
    "private-orders, PRIVATE",
    "private-encrypted-orders, PRIVATE_ENCRYPTED",
    "private-encrypted, PRIVATE",
    "presence-room, PRESENCE",
    "#server-to-user-42, SERVER_TO_USER",
    "cache-x, PUBLIC",
    "private-cache-x, PRIVATE",
  })
  void tellsTheKindByThePrefix(String channel, ChannelKind kind) {
    assertThat(ChannelKind.of(channel)).isEqualTo(kind);
  }

  @Test
  void privateDoesNotMatchAnEncryptedChannel() {
    assertThat(ChannelKind.PRIVATE.matches("private-encrypted-a")).isFalse();
    assertThat(ChannelKind.PRIVATE_ENCRYPTED.matches("private-encrypted-a")).isTrue();
    assertThat(ChannelKind.PRIVATE.matches("private-a")).isTrue();
  }

  @Test
  void namesThePrefixes() {
    assertThat(ChannelKind.PUBLIC.prefix()).isEmpty();
    assertThat(ChannelKind.PRIVATE.prefix()).isEqualTo("private-");
    assertThat(ChannelKind.PRIVATE_ENCRYPTED.prefix()).isEqualTo("private-encrypted-");
    assertThat(ChannelKind.PRESENCE.prefix()).isEqualTo("presence-");
    assertThat(ChannelKind.SERVER_TO_USER.prefix()).isEqualTo("#server-to-user-");
  }
}
