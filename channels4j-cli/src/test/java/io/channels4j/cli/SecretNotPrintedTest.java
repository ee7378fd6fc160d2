package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever goes wrong with where the CLI sends requests, the secret is not printed: a URL given to
 * {@code --host}, a malformed {@code --url} or {@code PUSHER_URL}, a URL where no argument belongs.
 * No request is made (the hosts below do not exist and nothing listens), and each error exits 2.
 */
class SecretNotPrintedTest {
  private static final String SECRET = "Zq9SuperSecretValue";

  private static void assertRefusedWithoutSecret(CliRunner.Result r) {
    assertThat(r.code()).isEqualTo(Cli.USAGE);
    assertThat(r.err()).doesNotContain(SECRET);
    assertThat(errorLine(r)).startsWith("error: ");
    assertThat(r.out()).doesNotContain(SECRET);
  }

  /** The error, after the warning that --secret itself prints when it is used. */
  private static String errorLine(CliRunner.Result r) {
    return r.err().lines().filter(l -> !l.startsWith("warning: --secret")).findFirst().orElse("");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://key:" + SECRET + "@api.example.com",
        "key:" + SECRET + "@api.example.com",
        "api.example.com:" + SECRET,
      })
  void aUrlGivenAsHostIsRefusedWithoutPrintingTheSecret(String host) {
    CliRunner.Result r =
        CliRunner.run(
            "channels", "--app-id", "1", "--key", "k", "--secret", SECRET, "--host", host);

    assertRefusedWithoutSecret(r);
    assertThat(errorLine(r)).startsWith("error: host must be");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://key:" + SECRET + "@host/apps/..",
        "https://key:" + SECRET + "@host:0/apps/1",
        "https://key:" + SECRET + "@host/apps/1?x=1",
        "https://key:" + SECRET + "@[::1/apps/1",
      })
  void aMalformedUrlIsRefusedWithoutPrintingTheSecret(String url) {
    assertRefusedWithoutSecret(CliRunner.run("channels", "--url", url));
    assertRefusedWithoutSecret(
        CliRunner.runWithEnv(Map.of(ConnectionOptions.ENV, url), "channels"));
    assertRefusedWithoutSecret(
        CliRunner.run("authorize", "--url", url, "--socket-id", "1.1", "--channel", "private-c"));
  }

  @Test
  void aUrlWhereNoArgumentBelongsIsRefusedWithoutPrintingTheSecret() {
    CliRunner.Result r = CliRunner.run("channels", "https://key:" + SECRET + "@h/apps/1", "x");

    assertRefusedWithoutSecret(r);
    assertThat(r.err()).contains("Unmatched argument").contains("'https://…@h/apps/1'");
  }

  @Test
  void redactHidesTheSecretOfEveryFormItWasGivenIn() {
    String message = "a " + SECRET + " b se/cret c https://k:x@h/apps/1 d";

    assertThat(Cli.redact(message, List.of("--secret", SECRET), Map.of()))
        .isEqualTo("a *** b se/cret c https://…@h/apps/1 d");
    assertThat(Cli.redact(message, List.of("--secret=" + SECRET), Map.of()))
        .isEqualTo("a *** b se/cret c https://…@h/apps/1 d");
    assertThat(
            Cli.redact(message, List.of(), Map.of(ConnectionOptions.ENV, "http://k:se%2Fcret@h")))
        .isEqualTo("a " + SECRET + " b *** c https://…@h/apps/1 d");
  }

  @Test
  void theSecretOfPusherUrlIsHiddenEvenWhereTheUrlIsNotShownWhole() {
    String encoded = "se%2Fcret" + SECRET;
    CliRunner.Result r =
        CliRunner.runWithEnv(
            Map.of(ConnectionOptions.ENV, "https://key:" + encoded + "@h/apps/1"),
            "channels",
            "se/cret" + SECRET,
            encoded);

    assertRefusedWithoutSecret(r);
    assertThat(r.err()).doesNotContain("cret").contains("***");
  }
}
