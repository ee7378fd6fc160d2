package io.channels4j.benchmarks.micro;

import static io.channels4j.benchmarks.BenchInputs.KEY;
import static io.channels4j.benchmarks.BenchInputs.PRESENCE_CHANNEL;
import static io.channels4j.benchmarks.BenchInputs.PRESENCE_CHANNEL_DATA;
import static io.channels4j.benchmarks.BenchInputs.PRIVATE_CHANNEL;
import static io.channels4j.benchmarks.BenchInputs.SECRET;
import static io.channels4j.benchmarks.BenchInputs.SOCKET_ID;
import static io.channels4j.benchmarks.BenchInputs.USER_DATA;

import io.channels4j.benchmarks.BenchInputs;
import io.channels4j.benchmarks.Json;
import io.channels4j.benchmarks.TriggerCheck;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Checks, run once in each benchmark's {@code @Setup}, that an operation's result is correct, so a
 * library cannot look fast by computing something else. Every library's benchmark class calls them.
 */
final class MicroChecks {
  private MicroChecks() {}

  /** Checks a private-channel authorization response: {@code {"auth":"key:hmac"}}. */
  static void privateAuth(String json) {
    Map<String, Object> response = Json.parseObject(json);
    expectAuth(response, SOCKET_ID + ":" + PRIVATE_CHANNEL, json);
  }

  /** Checks a presence authorization response: signed over the channel_data it returns. */
  static void presenceAuth(String json) {
    Map<String, Object> response = Json.parseObject(json);
    Object channelData = response.get("channel_data");
    if (!(channelData instanceof String s)
        || !Json.parse(s).equals(Json.parse(PRESENCE_CHANNEL_DATA))) {
      throw new IllegalStateException("wrong channel_data in " + json);
    }
    expectAuth(response, SOCKET_ID + ":" + PRESENCE_CHANNEL + ":" + s, json);
  }

  /** Checks a user authentication (sign-in) response: signed over the user_data it returns. */
  static void userAuth(String json) {
    Map<String, Object> response = Json.parseObject(json);
    Object userData = response.get("user_data");
    if (!(userData instanceof String s) || !Json.parse(s).equals(Json.parse(USER_DATA))) {
      throw new IllegalStateException("wrong user_data in " + json);
    }
    expectAuth(response, SOCKET_ID + "::user::" + s, json);
  }

  /** Checks a built, signed trigger request with the load driver's own verifier. */
  static void signedTrigger(String method, String rawPath, String rawQuery, String body) {
    TriggerCheck.Outcome outcome =
        TriggerCheck.check(
            method,
            rawPath,
            rawQuery,
            "application/json",
            body.getBytes(StandardCharsets.UTF_8),
            Instant.now().getEpochSecond());
    if (!outcome.ok()) {
      throw new IllegalStateException("invalid signed trigger: " + outcome.problems());
    }
  }

  private static void expectAuth(Map<String, Object> response, String signed, String json) {
    String expected = KEY + ":" + BenchInputs.hmacSha256Hex(SECRET, signed);
    if (!expected.equals(response.get("auth"))) {
      throw new IllegalStateException("wrong auth in " + json + ", expected " + expected);
    }
  }
}
