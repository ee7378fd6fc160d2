package io.channels4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channels4j.RecordingServer.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Pusher#fromUrl}, {@link Pusher#builderFromUrl} and {@link Pusher#fromEnv(String)}. */
class PusherUrlTest {
  private static final String FORM = "https://KEY:SECRET@HOST[:PORT]/apps/APP_ID";

  /** Distinctive, so that any leak into a message is caught. */
  private static final String SECRET = "Zq9SuperSecretValue";

  @Test
  void sendsSignedRequestsToTheHostPortAndAppOfAnHttpUrl() {
    try (RecordingServer server = RecordingServer.start();
        Pusher pusher =
            Pusher.fromUrl(
                "http://the-key:" + SECRET + "@127.0.0.1:" + server.port() + "/apps/app-id")) {
      pusher.trigger("c", "e", "x");

      RecordedRequest request = server.takeRequest();
      assertThat(request.path()).isEqualTo("/apps/app-id/events");
      request.assertSignedBy("the-key", SECRET);
    }
  }

  @Test
  void percentDecodesTheKeySecretAndAppId() {
    try (RecordingServer server = RecordingServer.start();
        Pusher pusher =
            Pusher.fromUrl(
                "http://k%40y:s%2Fc%3Ar+t%25@127.0.0.1:" + server.port() + "/apps/app%2Did")) {
      pusher.channels();

      RecordedRequest request = server.takeRequest();
      assertThat(request.path()).isEqualTo("/apps/app-id/channels");
      // '+' stays a plus: only %-escapes are decoded in a URL's user info.
      request.assertSignedBy("k@y", "s/c:r+t%");
    }
  }

  @Test
  void usesHttpsAndTheDefaultPortForAnHttpsUrl() {
    try (Pusher pusher = Pusher.fromUrl("https://key:" + SECRET + "@api-eu.pusher.com/apps/123")) {
      assertThat(pusher.toString())
          .contains("https://api-eu.pusher.com")
          .doesNotContain("api-eu.pusher.com:")
          .doesNotContain(SECRET);
    }
  }

  @Test
  void keepsAnExplicitPortOfAnHttpsUrl() {
    try (Pusher pusher = Pusher.fromUrl("https://key:" + SECRET + "@h.example:8443/apps/1")) {
      assertThat(pusher.toString()).contains("https://h.example:8443");
    }
  }

  @Test
  void acceptsATrailingSlashAndAnUpperCaseScheme() {
    try (Pusher pusher = Pusher.fromUrl("HTTP://key:" + SECRET + "@h.example/apps/1/")) {
      assertThat(pusher.toString()).contains("http://h.example").contains("appId=1");
    }
  }

  @Test
  void presetsABuilderThatCanBeAdjusted() {
    try (RecordingServer server = RecordingServer.start();
        Pusher pusher =
            Pusher.builderFromUrl("https://the-key:" + SECRET + "@example.invalid/apps/7")
                .host(server.hostPort())
                .useTls(false)
                .build()) {
      pusher.channels();

      RecordedRequest request = server.takeRequest();
      assertThat(request.path()).isEqualTo("/apps/7/channels");
      request.assertSignedBy("the-key", SECRET);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "api.pusher.com/apps/1",
        "ftp://key:" + SECRET + "@host/apps/1",
        "https://host/apps/1",
        "https://key@host/apps/1",
        "https://key:@host/apps/1",
        "https://:" + SECRET + "@host/apps/1",
        "https://key:" + SECRET + "@/apps/1",
        "https://key:" + SECRET + "@host",
        "https://key:" + SECRET + "@host/",
        "https://key:" + SECRET + "@host/apps",
        "https://key:" + SECRET + "@host/apps/",
        "https://key:" + SECRET + "@host/apps/1/events",
        "https://key:" + SECRET + "@host/app/1",
        "https://key:" + SECRET + "@host/apps/1?x=y",
        "https://key:" + SECRET + "@host/apps/1#frag",
        "https://key:" + SECRET + "%zz@host/apps/1",
        "https://key:" + SECRET + " x@host/apps/1",
        "https://key:" + SECRET + "@ho st/apps/1",
        "https://key:" + SECRET + "@host:port/apps/1",
        "https://key:" + SECRET + "@host:99999/apps/1",
        "https://key:" + SECRET + "@@host/apps/1",
        "https://key:" + SECRET + "@host/apps/1 2",
        "https://key:" + SECRET + "@host/apps/a%2Fb",
        "https://key:" + SECRET + "\n@host/apps/1",
        "https://key:" + SECRET + "@host/apps/%",
      })
  void rejectsAMalformedUrlNamingTheFormWithoutTheSecret(String url) {
    assertThatThrownBy(() -> Pusher.fromUrl(url))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(FORM)
        .message()
        .doesNotContain(SECRET);
  }

  @Test
  void rejectsANullUrl() {
    assertThatThrownBy(() -> Pusher.fromUrl(null))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(FORM);
  }

  @Test
  void namesAMissingEnvironmentVariableAndTheExpectedForm() {
    String variable = "CHANNELS4J_TEST_VARIABLE_THAT_IS_NEVER_SET";
    assertThat(System.getenv(variable)).isNull();

    assertThatThrownBy(() -> Pusher.fromEnv(variable))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining(variable)
        .hasMessageContaining("is not set")
        .hasMessageContaining(FORM);
  }
}
