package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code authorize} and {@code authenticate-user} print the published auth vectors. */
class AuthCommandsTest {
  // V-09 / V-10 credentials (protocol.md 10.2), in PUSHER_URL as the CLI recommends. No request is
  // sent, so no server is needed.
  private static final Map<String, String> CREDENTIALS =
      Map.of(
          "PUSHER_URL",
          "https://278d425bdf160c739803:7ad3773142a6692b25b8@api.pusherapp.com/apps/3");

  private static CliRunner.Result run(String... args) {
    return CliRunner.runWithEnv(CREDENTIALS, args);
  }

  @Test
  void authorizesAPrivateChannelLikeV09() {
    CliRunner.Result r =
        run("authorize", "--socket-id", "1234.1234", "--channel", "private-foobar");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "{\"auth\":\"278d425bdf160c739803:58df8b0c36d6982b82c3ecf6b4662e34fe8c25bba48f5369f135bf843651c3a4\"}\n");
  }

  @Test
  void authorizesAPresenceChannelLikeV09() {
    CliRunner.Result r =
        run(
            "authorize",
            "--socket-id",
            "1234.1234",
            "--channel",
            "presence-foobar",
            "--user-id",
            "10",
            "--user-info",
            "{\"name\":\"Mr. Pusher\"}");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "{\"auth\":\"278d425bdf160c739803:48dac51d2d7569e1e9c0f48c227d4b26f238fa68e5c0bb04222c966909c4f7c4\","
                + "\"channel_data\":\"{\\\"user_id\\\":\\\"10\\\",\\\"user_info\\\":{\\\"name\\\":\\\"Mr. Pusher\\\"}}\"}\n");
  }

  @Test
  void authenticatesAUserLikeV10() {
    CliRunner.Result r = run("authenticate-user", "--socket-id", "1234.1234", "--user-id", "12345");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            "{\"auth\":\"278d425bdf160c739803:4708d583dada6a56435fb8bc611c77c359a31eebde13337c16ab43aa6de336ba\","
                + "\"user_data\":\"{\\\"id\\\":\\\"12345\\\"}\"}\n");
  }

  @Test
  void refusesASocketIdWithAColon() {
    CliRunner.Result r = run("authorize", "--socket-id", "1.1:", "--channel", "private-foobar");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("error: ").contains("socket");
  }

  @Test
  void refusesUserInfoThatIsNotJson() {
    CliRunner.Result r =
        run(
            "authorize",
            "--socket-id",
            "1.1",
            "--channel",
            "presence-x",
            "--user-id",
            "u",
            "--user-info",
            "{nope");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: --user-info must be JSON, but is not");
  }

  @Test
  void refusesUserInfoWithoutUserId() {
    CliRunner.Result r =
        run("authorize", "--socket-id", "1.1", "--channel", "presence-x", "--user-info", "{}");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: --user-info needs --user-id\n");
  }
}
