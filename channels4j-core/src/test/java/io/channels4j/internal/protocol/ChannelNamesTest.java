package io.channels4j.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNamesTest {

  @Test
  void acceptsEveryCharacterOfTheCharset() {
    String all = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-=@,.;";
    assertThat(ChannelNames.isValid(all)).isTrue();
    assertThat(ChannelNames.firstInvalidChar(all)).isEqualTo(-1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a:b", "a b", "a/b", "a#b", "a\u00e9", "a\nb", "a%b", "a+b"})
  void findsTheFirstCharacterOutsideTheCharset(String name) {
    assertThat(ChannelNames.firstInvalidChar(name)).isEqualTo(1);
    assertThat(ChannelNames.isValid(name)).isFalse();
  }

  @Test
  void acceptsOneTo200Characters() {
    assertThat(ChannelNames.isValid("a")).isTrue();
    assertThat(ChannelNames.isValid("a".repeat(200))).isTrue();
    assertThat(ChannelNames.isValid("a".repeat(201))).isFalse();
    assertThat(ChannelNames.isValid("")).isFalse();
    assertThat(ChannelNames.isValid(null)).isFalse();
  }

  @Test
  void knowsCacheChannelsOfEveryKind() {
    assertThat(ChannelNames.isCache("cache-a")).isTrue();
    assertThat(ChannelNames.isCache("private-cache-a")).isTrue();
    assertThat(ChannelNames.isCache("private-encrypted-cache-a")).isTrue();
    assertThat(ChannelNames.isCache("presence-cache-a")).isTrue();
    assertThat(ChannelNames.isCache("cachex")).isFalse();
    assertThat(ChannelNames.isCache("private-a")).isFalse();
    assertThat(ChannelNames.isCache("#server-to-user-cache-a")).isFalse();
  }
}
