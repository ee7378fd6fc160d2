package io.channels4j.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.benchmarks.load.PreSignedTrigger;
import io.channels4j.benchmarks.load.Target;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TriggerCheckTest {
  private static final long NOW = 1_700_000_000L;
  private static final Target TARGET = Target.loopback(8080);

  @Test
  void acceptsThePreSignedReferenceTrigger() {
    PreSignedTrigger t = PreSignedTrigger.sign(TARGET, NOW);

    TriggerCheck.Outcome outcome = check(t.query(), t.body());

    assertThat(outcome.problems()).isEmpty();
    assertThat(outcome.bodyIdentical()).isTrue();
  }

  @Test
  void acceptsTheSameJsonInAnotherFieldOrder() {
    byte[] body =
        "{\"channels\":[\"bench-channel\"],\"name\":\"bench\",\"data\":\"{\\\"n\\\":1}\"}"
            .getBytes(StandardCharsets.UTF_8);

    TriggerCheck.Outcome outcome = check(signedQuery(body, NOW), body);

    assertThat(outcome.ok()).isTrue();
    assertThat(outcome.bodyIdentical()).isFalse();
  }

  @Test
  void rejectsABodyThatIsNotTheReferenceEvent() {
    byte[] body =
        "{\"name\":\"bench\",\"channels\":[\"bench-channel\"],\"data\":\"{}\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(check(signedQuery(body, NOW), body).problems())
        .anyMatch(p -> p.startsWith("body differs"));
  }

  @Test
  void rejectsABodyChangedAfterSigning() {
    PreSignedTrigger t = PreSignedTrigger.sign(TARGET, NOW);
    byte[] other =
        "{\"channels\":[\"bench-channel\"],\"name\":\"bench\",\"data\":\"{\\\"n\\\":1}\"}"
            .getBytes(StandardCharsets.UTF_8);

    assertThat(check(t.query(), other).problems()).anyMatch(p -> p.startsWith("body_md5"));
  }

  @Test
  void rejectsAWrongSignature() {
    PreSignedTrigger t = PreSignedTrigger.sign(TARGET, NOW);
    String query = t.query().replaceAll("auth_signature=[0-9a-f]{2}", "auth_signature=00");

    assertThat(check(query, t.body()).problems()).anyMatch(p -> p.startsWith("auth_signature"));
  }

  @Test
  void rejectsASignatureMadeWithAnotherSecret() {
    Target other = new Target(TARGET.baseUri(), BenchInputs.APP_ID, BenchInputs.KEY, "not-it");
    PreSignedTrigger t = PreSignedTrigger.sign(other, NOW);

    assertThat(check(t.query(), t.body()).problems()).anyMatch(p -> p.startsWith("auth_signature"));
  }

  @Test
  void rejectsAStaleTimestamp() {
    PreSignedTrigger t = PreSignedTrigger.sign(TARGET, NOW - 601);

    assertThat(check(t.query(), t.body()).problems()).anyMatch(p -> p.contains("more than 600 s"));
  }

  @Test
  void decodesTheQueryBeforeVerifyingLikeAServer() {
    PreSignedTrigger t = PreSignedTrigger.sign(TARGET, NOW);
    String encoded = t.query().replace("auth_version=1.0", "auth_version=1%2E0");

    assertThat(check(encoded, t.body()).ok()).isTrue();
  }

  @Test
  void hmacAndMd5MatchProtocolVectorV08() {
    assertThat(BenchInputs.hmacSha256Hex("supersecret", "Hello!"))
        .isEqualTo("64e3f44166575febbc5de88c9476325ea7d4b3684752158d9fdb31fce34b980d");
    assertThat(BenchInputs.md5Hex("Hello!".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("952d2c56d0485958336747bcdd98590d");
  }

  @Test
  void webhookBodyIsAboutOneKilobyteOfJson() {
    assertThat(BenchInputs.WEBHOOK_BODY.length()).isBetween(900, 1200);
    assertThat(Json.parseObject(BenchInputs.WEBHOOK_BODY)).containsKeys("time_ms", "events");
  }

  private static TriggerCheck.Outcome check(String query, byte[] body) {
    return TriggerCheck.check(
        "POST", "/apps/" + BenchInputs.APP_ID + "/events", query, "application/json", body, NOW);
  }

  private static String signedQuery(byte[] body, long timestamp) {
    String q =
        "auth_key="
            + BenchInputs.KEY
            + "&auth_timestamp="
            + timestamp
            + "&auth_version=1.0&body_md5="
            + BenchInputs.md5Hex(body);
    return q
        + "&auth_signature="
        + BenchInputs.hmacSha256Hex(
            BenchInputs.SECRET, "POST\n/apps/" + BenchInputs.APP_ID + "/events\n" + q);
  }
}
