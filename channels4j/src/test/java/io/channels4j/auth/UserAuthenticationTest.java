package io.channels4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserAuthenticationTest {

  @Test
  void rendersAuthThenUserData() {
    assertThat(new UserAuthentication("k:s", "{\"id\":\"1\"}").toJson())
        .isEqualTo("{\"auth\":\"k:s\",\"user_data\":\"{\\\"id\\\":\\\"1\\\"}\"}");
  }

  @Test
  void escapesNonAsciiUserData() {
    assertThat(new UserAuthentication("k:s", "{\"id\":\"ł\"}").toJson())
        .isEqualTo("{\"auth\":\"k:s\",\"user_data\":\"{\\\"id\\\":\\\"\\u0142\\\"}\"}");
  }

  @Test
  void rejectsNulls() {
    assertThatThrownBy(() -> new UserAuthentication("a", null))
        .isInstanceOf(NullPointerException.class);
  }
}
