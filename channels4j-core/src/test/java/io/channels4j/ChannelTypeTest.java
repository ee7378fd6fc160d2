package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.auth.PresenceMember;
import io.channels4j.spi.ChannelEncryption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChannelTypeTest {

  @ParameterizedTest
  @CsvSource({
    "orders, PUBLIC",
    "private-orders, PRIVATE",
    "private-encrypted-orders, PRIVATE_ENCRYPTED",
    "presence-lobby, PRESENCE",
    "#server-to-user-alice, SERVER_TO_USER",
  })
  void tellsTheTypeByThePrefix(String channel, ChannelType type) {
    assertThat(ChannelType.of(channel)).isEqualTo(type);
  }

  @ParameterizedTest
  @CsvSource({
    "orders-private-1",
    "my-presence-lobby",
    "x-private-encrypted-a",
    "server-to-user-alice",
    "a#server-to-user-alice",
    "privateorders",
    "presence",
    "Private-orders",
    "PRESENCE-lobby",
  })
  void isPublicWhenThePrefixIsNotAtTheStartOrNotExact(String channel) {
    assertThat(ChannelType.of(channel)).isEqualTo(ChannelType.PUBLIC);
  }

  @Test
  void encryptedTakesPrecedenceOverPrivate() {
    assertThat(ChannelType.of("private-encrypted-a")).isEqualTo(ChannelType.PRIVATE_ENCRYPTED);
    // Without the dash after "encrypted" it is an ordinary private channel.
    assertThat(ChannelType.of("private-encrypted")).isEqualTo(ChannelType.PRIVATE);
    assertThat(ChannelType.of("private-encryptedx")).isEqualTo(ChannelType.PRIVATE);
  }

  @ParameterizedTest
  @CsvSource({
    "cache-x, PUBLIC",
    "private-cache-x, PRIVATE",
    "private-encrypted-cache-x, PRIVATE_ENCRYPTED",
    "presence-cache-x, PRESENCE",
  })
  void givesCacheChannelsTheTypeOfTheirPrefix(String channel, ChannelType type) {
    assertThat(ChannelType.of(channel)).isEqualTo(type);
  }

  @Test
  void readsOnlyThePrefixNotTheRestOfTheName() {
    // The calls that take the name check its characters; the type is read from the prefix alone.
    assertThat(ChannelType.of("presence-a b")).isEqualTo(ChannelType.PRESENCE);
    assertThat(ChannelType.of("private-")).isEqualTo(ChannelType.PRIVATE);
  }

  @Test
  void rejectsNullNamingTheArgument() {
    assertThatThrownBy(() -> ChannelType.of(null))
        .isInstanceOf(ValidationException.class)
        .hasMessage("channelName must not be null");
  }

  @Test
  void namesThePrefixOfEachType() {
    assertThat(ChannelType.PUBLIC.prefix()).isEmpty();
    assertThat(ChannelType.PRIVATE.prefix()).isEqualTo("private-");
    assertThat(ChannelType.PRIVATE_ENCRYPTED.prefix()).isEqualTo("private-encrypted-");
    assertThat(ChannelType.PRESENCE.prefix()).isEqualTo("presence-");
    assertThat(ChannelType.SERVER_TO_USER.prefix()).isEqualTo("#server-to-user-");
  }

  @Test
  void eachPrefixGivesItsOwnType() {
    for (ChannelType type : ChannelType.values()) {
      assertThat(ChannelType.of(type.prefix() + "x")).as(type.name()).isEqualTo(type);
    }
  }

  @Test
  void onlyPrivateEncryptedAndPresenceRequireAuthorization() {
    assertThat(ChannelType.PRIVATE.requiresAuthorization()).isTrue();
    assertThat(ChannelType.PRIVATE_ENCRYPTED.requiresAuthorization()).isTrue();
    assertThat(ChannelType.PRESENCE.requiresAuthorization()).isTrue();
    assertThat(ChannelType.PUBLIC.requiresAuthorization()).isFalse();
    assertThat(ChannelType.SERVER_TO_USER.requiresAuthorization()).isFalse();
  }

  @Test
  void requiresAuthorizationExactlyWhenAuthorizeChannelSignsTheChannel() {
    try (Pusher pusher =
        Pusher.builder()
            .appId("1")
            .key("key")
            .secret("secret")
            .encryption(new FixedKeyEncryption())
            .build()) {
      for (ChannelType type : ChannelType.values()) {
        String channel = type.prefix() + "orders";
        boolean signed;
        try {
          if (type == ChannelType.PRESENCE) {
            pusher.authorizeChannel("1.1", channel, PresenceMember.of("alice"));
          } else {
            pusher.authorizeChannel("1.1", channel);
          }
          signed = true;
        } catch (ValidationException e) {
          signed = false;
        }
        assertThat(signed).as(channel).isEqualTo(type.requiresAuthorization());
      }
    }
  }

  /** Gives every encrypted channel the same key: enough to be authorized, never to encrypt. */
  private static final class FixedKeyEncryption implements ChannelEncryption {
    @Override
    public byte[] sharedSecret(String channel) {
      return new byte[32];
    }

    @Override
    public String encrypt(String channel, byte[] plaintext) {
      throw new UnsupportedOperationException();
    }

    @Override
    public byte[] decrypt(String channel, String envelope) {
      throw new UnsupportedOperationException();
    }
  }
}
