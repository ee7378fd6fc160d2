package io.channels4j.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserDataTest {

  @Test
  void startsWithIdOnly() {
    UserData user = UserData.of("1234");

    assertThat(user.id()).isEqualTo("1234");
    assertThat(user.userInfo()).isEmpty();
    assertThat(user.watchlist()).isEmpty();
  }

  @Test
  void withersReturnCopies() {
    UserData plain = UserData.of("1");
    UserData full = plain.withUserInfo("x").withWatchlist(List.of("2", "3"));

    assertThat(plain.userInfo()).isEmpty();
    assertThat(full.userInfo()).contains("x");
    assertThat(full.watchlist()).containsExactly("2", "3");
  }

  @Test
  void copiesTheWatchlist() {
    List<String> ids = new ArrayList<>(List.of("2"));
    UserData user = UserData.of("1").withWatchlist(ids);
    ids.add("3");

    assertThat(user.watchlist()).containsExactly("2");
  }

  @Test
  void rejectsMissingAndEmptyId() {
    assertThatThrownBy(() -> UserData.of(null))
        .isInstanceOf(ValidationException.class)
        .hasMessage("id must not be null");
    assertThatThrownBy(() -> UserData.of(""))
        .isInstanceOf(ValidationException.class)
        .hasMessage("id must be 1 to 200 characters long, but has 0");
  }

  @Test
  void rejectsIdOutsideTheChannelCharset() {
    // Pusher refuses such ids at sign-in ("Invalid user id: e:2 (invalid characters)").
    assertThatThrownBy(() -> UserData.of("e:2"))
        .isInstanceOf(ValidationException.class)
        .hasMessage("id may contain only letters, digits and _-=@,.; but has ':' at index 1");
  }

  @Test
  void rejectsBadWatchlistEntries() {
    assertThatThrownBy(() -> UserData.of("1").withWatchlist(Arrays.asList("2", null)))
        .isInstanceOf(ValidationException.class)
        .hasMessage("watchlist[1] must not be null");
    assertThatThrownBy(() -> UserData.of("1").withWatchlist(List.of("a b")))
        .isInstanceOf(ValidationException.class)
        .hasMessageStartingWith("watchlist[0] may contain only");
    assertThatThrownBy(() -> UserData.of("1").withWatchlist(null))
        .isInstanceOf(ValidationException.class)
        .hasMessage("watchlist must not be null");
  }
}
