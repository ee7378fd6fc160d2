package io.channels4j.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.benchmarks.load.Family;
import io.channels4j.benchmarks.report.Targets.Check;
import io.channels4j.benchmarks.report.Targets.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

  @Test
  void loadTargetsAreMetExactlyAtTheirBounds() {
    // CPU 1.3× the limit is allowed (≤); 1,200 req/s against the best official 1,000 is 1.2× (≥).
    List<Check> checks =
        Targets.check(
            List.of(),
            List.of(
                load("official-sync", Family.OFFICIAL, 1, 800, Double.NaN),
                load("official-async", Family.OFFICIAL, 1, 1_000, Double.NaN),
                load("channels4j", Family.CHANNELS4J, 1, 1_200, 1.3)));

    assertThat(checks)
        .containsExactly(
            new Check(
                "CPU/request ≤ 1.3× raw socket, c=1",
                "channels4j",
                "1.30× (rounds 1.20–1.40; excl. JIT 1.25×)",
                Verdict.MET),
            new Check(
                "req/s ≥ 1.2× official (best variant: official-async), c=1",
                "channels4j",
                "1.20×",
                Verdict.MET));
  }

  @Test
  void loadTargetsAreMissedJustPastTheirBounds() {
    List<Check> checks =
        Targets.check(
            List.of(),
            List.of(
                load("official-sync", Family.OFFICIAL, 32, 1_000, Double.NaN),
                load("channels4j", Family.CHANNELS4J, 32, 1_190, 1.31)));

    assertThat(checks).extracting(Check::verdict).containsExactly(Verdict.MISSED, Verdict.MISSED);
    assertThat(checks.get(1).measured()).isEqualTo("1.19×");
  }

  @Test
  void withoutAnOfficialRunAtThatConcurrencyThereIsNoRequestRateCheck() {
    List<Check> checks =
        Targets.check(List.of(), List.of(load("channels4j", Family.CHANNELS4J, 1, 1_000, 1.0)));

    assertThat(checks).singleElement().extracting(Check::target).asString().startsWith("CPU");
  }

  @Test
  void microTargetNeedsBothThroughputAndAllocation() {
    // privateAuth: 250 / 100 = 2.5× at 300 / 900 = 1/3 B/op: met at both bounds.
    // buildSignedTrigger: 300 / 100 = 3× but 400 / 900 = 0.44× B/op: missed on allocation.
    List<Check> checks =
        Targets.check(
            List.of(
                jmh(JmhRow.OFFICIAL_CLASS, "privateAuth", 100, 900),
                jmh(JmhRow.CHANNELS4J_CLASS, "privateAuth", 250, 300),
                jmh(JmhRow.OFFICIAL_CLASS, "buildSignedTrigger", 100, 900),
                jmh(JmhRow.CHANNELS4J_CLASS, "buildSignedTrigger", 300, 400)),
            List.of());

    assertThat(checks)
        .containsExactly(
            new Check(
                "micro privateAuth: ≥ 2.5× throughput at ≤ 1/3 allocation",
                "channels4j",
                "2.50× ops/s, 0.33× B/op",
                Verdict.MET),
            new Check(
                "micro buildSignedTrigger: ≥ 2.5× throughput at ≤ 1/3 allocation",
                "channels4j",
                "3.00× ops/s, 0.44× B/op",
                Verdict.MISSED));
  }

  @Test
  void webhookTargetIsThroughputOnly() {
    // 99 / 100 = 0.99×: missed although it allocates a tenth.
    List<Check> checks =
        Targets.check(
            List.of(
                jmh(JmhRow.OFFICIAL_CLASS, "checkWebhookSignature", 100, 1_000),
                jmh(JmhRow.CHANNELS4J_CLASS, "checkWebhookSignature", 99, 100)),
            List.of());

    assertThat(checks)
        .containsExactly(
            new Check(
                "micro checkWebhookSignature: ≥ 1.0× throughput",
                "channels4j",
                "0.99× ops/s, 0.10× B/op",
                Verdict.MISSED));
  }

  @Test
  void untargetedAndUnmatchedOperationsAreShownWithoutAVerdict() {
    List<Check> checks =
        Targets.check(
            List.of(
                jmh(JmhRow.OFFICIAL_CLASS, "verifyAndReadWebhook", 100, 1_000),
                jmh(JmhRow.CHANNELS4J_CLASS, "verifyAndReadWebhook", 150, 500),
                jmh(JmhRow.CHANNELS4J_CLASS, "userAuth", 150, 500),
                jmh("JdkOnlyBenchmark", "privateAuth", 1_000, 1)),
            List.of());

    assertThat(checks)
        .containsExactly(
            new Check(
                "micro verifyAndReadWebhook (context, no target)",
                "channels4j",
                "1.50× ops/s, 0.50× B/op",
                Verdict.NONE),
            new Check("micro userAuth", "channels4j", "no official counterpart", Verdict.NONE));
  }

  @Test
  void nothingToCheckWhenNoChannels4jContenderRan() {
    assertThat(
            Targets.check(
                List.of(jmh(JmhRow.OFFICIAL_CLASS, "privateAuth", 100, 900)),
                List.of(load("official-sync", Family.OFFICIAL, 1, 1_000, Double.NaN))))
        .isEmpty();
  }

  private static LoadAggregate load(
      String name, Family family, int concurrency, double rps, double cpuRatio) {
    Stats none = new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
    return new LoadAggregate(
        name,
        family,
        concurrency,
        "BLOCKING",
        new Stats(rps, rps, rps, 1),
        none,
        none,
        none,
        Double.isNaN(cpuRatio) ? none : new Stats(cpuRatio, 1.2, 1.4, 3),
        Double.isNaN(cpuRatio) ? none : new Stats(1.25, 1.25, 1.25, 3),
        none,
        none,
        0);
  }

  private static JmhRow jmh(String cls, String op, double score, double bytes) {
    return new JmhRow(cls, op, score, 1, bytes, 1, 1, "1 s", 1, "1 s");
  }
}
