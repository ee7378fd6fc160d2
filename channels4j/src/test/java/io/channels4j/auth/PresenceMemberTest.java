package io.channels4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.ValidationException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PresenceMemberTest {

  @Test
  void holdsIdAndOptionalInfo() {
    assertThat(PresenceMember.of("10").userInfo()).isEmpty();
    assertThat(PresenceMember.of("10", Map.of("a", 1)).userInfo()).contains(Map.of("a", 1));
  }

  @Test
  void acceptsUserIdOf128Characters() {
    assertThat(PresenceMember.of("x".repeat(128)).userId()).hasSize(128);
  }

  @Test
  void acceptsAnyCharactersInUserId() {
    // Presence ids are JSON strings inside channel_data, so e-mail addresses and the like are fine.
    assertThat(PresenceMember.of("ann+pusher@example.com").userId())
        .isEqualTo("ann+pusher@example.com");
  }

  @Test
  void rejectsEmptyAndOverlongUserId() {
    assertThatThrownBy(() -> PresenceMember.of(""))
        .isInstanceOf(ValidationException.class)
        .hasMessage("userId must be 1 to 128 characters long, but has 0");
    assertThatThrownBy(() -> PresenceMember.of("x".repeat(129)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("userId must be 1 to 128 characters long, but has 129");
  }

  @Test
  void rejectsNullUserId() {
    assertThatThrownBy(() -> PresenceMember.of(null))
        .isInstanceOf(ValidationException.class)
        .hasMessage("userId must not be null");
  }

  @Test
  void rejectsUnpairedSurrogateInUserId() {
    assertThatThrownBy(() -> PresenceMember.of("ab\udc00"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("userId must be well-formed Unicode, but has an unpaired surrogate at index 2");
  }

  @Test
  void rejectsNullInfo() {
    assertThatThrownBy(() -> PresenceMember.of("1", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new PresenceMember("1", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void infoMayBeGivenAsOptional() {
    assertThat(new PresenceMember("1", Optional.of("x"))).isEqualTo(PresenceMember.of("1", "x"));
  }
}
