package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A secret given where a host or a URL belongs is never repeated: not in the message, not in the
 * exception's {@code toString()} or stack trace, not in the builder's or client's {@code
 * toString()}. The message still says what is wrong.
 */
class SecretNotShownTest {
  private static final String SECRET = "Zq9SuperSecretValue";

  /** Everything an exception shows when logged: message, toString, causes, suppressed. */
  private static String everythingShown(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://key:" + SECRET + "@api.example.com",
        "https://key:" + SECRET + "@api.example.com/apps/1",
        "http://key:" + SECRET + "@127.0.0.1:6001",
        "key:" + SECRET + "@api.example.com",
        "key:" + SECRET + "@api.example.com:443",
        "https://key:" + SECRET + "@@api.example.com",
        "https://key:se/cr@" + SECRET + "@api.example.com",
        "key:" + SECRET,
        "api.example.com:" + SECRET,
      })
  void aHostHoldingASecretIsRefusedWithoutShowingIt(String host) {
    ValidationException e =
        catchThrowableOfType(ValidationException.class, () -> Pusher.builder().host(host));

    assertThat(e).hasMessageStartingWith("host ");
    assertThat(everythingShown(e)).doesNotContain(SECRET);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://key:" + SECRET + "@push.example.com",
        "key:" + SECRET + "@push.example.com",
        "https://key:se/cr@" + SECRET + "@push.example.com",
        "key:" + SECRET,
        "push.example.com:" + SECRET,
      })
  void aPushNotificationHostHoldingASecretIsRefusedWithoutShowingIt(String host) {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class, () -> Pusher.builder().pushNotificationHost(host));

    assertThat(e).hasMessageStartingWith("pushNotificationHost ");
    assertThat(everythingShown(e)).doesNotContain(SECRET);
  }

  @Test
  void aHostGivenAsAUrlIsNamedWithItsUserInfoHidden() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () -> Pusher.builder().host("https://key:" + SECRET + "@api.example.com/apps/1"));

    assertThat(e)
        .hasMessage(
            "host must be a host name or host:port without scheme, user info or path, but is"
                + " 'https://…@api.example.com/apps/1'");
  }

  @Test
  void aHostWithANonNumericPortDoesNotRepeatIt() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class, () -> Pusher.builder().host("api.example.com:" + SECRET));

    assertThat(e)
        .hasMessage(
            "host must be host or host:port with a port of 1 to 65535, but the "
                + SECRET.length()
                + " characters after ':' are not a number");
  }

  @Test
  void aPushNotificationHostWithANonNumericPortIsRefused() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class, () -> Pusher.builder().pushNotificationHost("push:http"));

    assertThat(e)
        .hasMessage(
            "pushNotificationHost must be host or host:port with a port of 1 to 65535, but the 4"
                + " characters after ':' are not a number");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://key:" + SECRET + "@host/apps/..",
        "https://key:" + SECRET + "@host/apps/.",
        "https://key:" + SECRET + "@host/apps/%2E%2E",
        "https://key:" + SECRET + "@host:0/apps/1",
        "https://key:" + SECRET + "@host:65536/apps/1",
        "https://key:" + SECRET + "@host/apps/a%20b",
        "https://key:" + SECRET + "@[::1/apps/1",
        "https://key:" + SECRET + "@host/apps/1/x",
        "https://key:" + SECRET + "@host_name/apps/1",
      })
  void aRefusedUrlDoesNotShowTheSecret(String url) {
    ValidationException e =
        catchThrowableOfType(ValidationException.class, () -> Pusher.fromUrl(url));

    assertThat(e).hasMessageStartingWith("Pusher URL must look like");
    assertThat(everythingShown(e)).doesNotContain(SECRET);
  }

  @Test
  void aUrlWithAnAppIdOfDotsIsRefused() {
    ValidationException e =
        catchThrowableOfType(
            ValidationException.class,
            () -> Pusher.fromUrl("https://key:" + SECRET + "@host/apps/%2E%2E"));

    assertThat(e).hasMessageContaining("appId must not be made only of dots");
    assertThat(everythingShown(e)).doesNotContain(SECRET);
  }

  @Test
  void theBuilderAndTheClientFromAUrlDoNotShowTheSecret() {
    Pusher.Builder builder =
        Pusher.builderFromUrl("https://key:" + SECRET + "@api.example.com:8443/apps/7")
            .pushNotificationHost("push.example.com");

    assertThat(builder.toString()).doesNotContain(SECRET).contains("key");
    try (Pusher pusher = builder.build()) {
      assertThat(pusher.toString()).doesNotContain(SECRET).contains("api.example.com:8443");
    }
  }
}
