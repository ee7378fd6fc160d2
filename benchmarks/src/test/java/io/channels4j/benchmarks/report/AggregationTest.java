package io.channels4j.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.channels4j.benchmarks.load.Drive;
import io.channels4j.benchmarks.load.Family;
import io.channels4j.benchmarks.load.RunResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregationTest {

  @Test
  void cpuRatioIsTakenAgainstTheLimitOfTheSameRound() {
    // Round 1: 15 / 10 = 1.5; round 2: 30 / 20 = 1.5. A ratio against the rounds' mixed limits
    // (15 / 20, 30 / 10) would give 0.75 and 3.0.
    List<LoadAggregate> aggs =
        Aggregation.aggregate(
            List.of(
                run(1, "raw-socket", Family.LIMIT, 1, 10.0, 1_000, 0, 0),
                run(1, "channels4j", Family.CHANNELS4J, 1, 15.0, 2_000, 0, 0),
                run(2, "raw-socket", Family.LIMIT, 1, 20.0, 1_000, 0, 0),
                run(2, "channels4j", Family.CHANNELS4J, 1, 30.0, 4_000, 0, 0)));

    LoadAggregate c = aggs.get(1);
    assertThat(c.contender()).isEqualTo("channels4j");
    assertThat(c.cpuRatio()).isEqualTo(new Stats(1.5, 1.5, 1.5, 2));
    assertThat(c.cpu()).isEqualTo(new Stats(22.5, 15.0, 30.0, 2));
    assertThat(c.rps()).isEqualTo(new Stats(3_000.0, 2_000.0, 4_000.0, 2));
    assertThat(aggs.get(0).cpuRatio()).isEqualTo(new Stats(1.0, 1.0, 1.0, 2));
  }

  @Test
  void ratioExclJitTakesTheCompilerShareOutOfBothSides() {
    // 10,000 requests per run. Contender: 15 µs - 100 ms / 10,000 = 5 µs; limit: 10 - 5 = 5.
    // Round 2: 30 - 10 = 20 against 20 - 5 = 15, so 4/3. Median of 1 and 4/3: 7/6.
    List<LoadAggregate> aggs =
        Aggregation.aggregate(
            List.of(
                run(1, "raw-socket", Family.LIMIT, 1, 10.0, 1_000, 50, 0),
                run(1, "channels4j", Family.CHANNELS4J, 1, 15.0, 1_000, 100, 0),
                run(2, "raw-socket", Family.LIMIT, 1, 20.0, 1_000, 50, 0),
                run(2, "channels4j", Family.CHANNELS4J, 1, 30.0, 1_000, 100, 0)));

    Stats exclJit = aggs.get(1).cpuRatioExclJit();
    assertThat(exclJit.median()).isCloseTo(7.0 / 6, within(1e-12));
    assertThat(exclJit.min()).isCloseTo(1.0, within(1e-12));
    assertThat(exclJit.max()).isCloseTo(4.0 / 3, within(1e-12));
  }

  @Test
  void unknownJitTimeAndMissingLimitRoundsAreLeftOutNotCountedAsZero() {
    List<LoadAggregate> aggs =
        Aggregation.aggregate(
            List.of(
                run(1, "raw-socket", Family.LIMIT, 1, 10.0, 1_000, 40, 0),
                run(1, "jdk", Family.JDK, 1, 40.0, 1_000, -1, 0),
                run(2, "jdk", Family.JDK, 1, 60.0, 1_000, 20, 0)));

    LoadAggregate jdk = aggs.get(1);
    assertThat(jdk.jit()).isEqualTo(new Stats(20.0, 20.0, 20.0, 1));
    assertThat(jdk.cpuRatio()).isEqualTo(new Stats(4.0, 4.0, 4.0, 1));
    assertThat(jdk.cpuRatioExclJit().count()).isZero();
  }

  @Test
  void sumsErrorsOverRounds() {
    List<LoadAggregate> aggs =
        Aggregation.aggregate(
            List.of(
                run(1, "official", Family.OFFICIAL, 1, 10.0, 1_000, 0, 3),
                run(2, "official", Family.OFFICIAL, 1, 10.0, 1_000, 0, 4)));

    assertThat(aggs).singleElement().extracting(LoadAggregate::errors).isEqualTo(7L);
  }

  @Test
  void sortsByConcurrencyThenFamilyThenName() {
    List<LoadAggregate> aggs =
        Aggregation.aggregate(
            List.of(
                run(1, "channels4j", Family.CHANNELS4J, 32, 1, 1, 0, 0),
                run(1, "official-sync", Family.OFFICIAL, 1, 1, 1, 0, 0),
                run(1, "b-jdk", Family.JDK, 1, 1, 1, 0, 0),
                run(1, "a-jdk", Family.JDK, 1, 1, 1, 0, 0),
                run(1, "raw-socket", Family.LIMIT, 32, 1, 1, 0, 0),
                run(1, "raw-socket", Family.LIMIT, 1, 1, 1, 0, 0)));

    assertThat(aggs)
        .extracting(a -> a.contender() + "@" + a.concurrency())
        .containsExactly(
            "raw-socket@1",
            "a-jdk@1",
            "b-jdk@1",
            "official-sync@1",
            "raw-socket@32",
            "channels4j@32");
  }

  @Test
  void bestOfficialIsTheFastestOfficialVariantAtThatConcurrency() {
    List<LoadAggregate> aggs =
        Aggregation.aggregate(
            List.of(
                run(1, "official-sync", Family.OFFICIAL, 1, 10.0, 4_000, 0, 0),
                run(1, "official-async", Family.OFFICIAL, 1, 10.0, 4_500, 0, 0),
                run(1, "channels4j", Family.CHANNELS4J, 1, 10.0, 9_000, 0, 0),
                run(1, "official-sync", Family.OFFICIAL, 32, 10.0, 5_000, 0, 0)));

    assertThat(Aggregation.bestOfficial(aggs, 1).contender()).isEqualTo("official-async");
    assertThat(Aggregation.bestOfficial(aggs, 32).contender()).isEqualTo("official-sync");
    assertThat(Aggregation.bestOfficial(aggs, 64)).isNull();
  }

  /** A run of 2 s with 10,000 requests; only the varied fields matter to the aggregation. */
  private static RunResult run(
      int round,
      String name,
      Family family,
      int concurrency,
      double cpuMicros,
      double rps,
      long jitMillis,
      long errors) {
    return new RunResult(
        round,
        name,
        family,
        concurrency,
        Drive.BLOCKING,
        10_000,
        errors,
        2.0,
        rps,
        50,
        200,
        cpuMicros,
        0.5,
        0.4,
        0.1,
        1.0,
        1.0,
        jitMillis,
        5,
        "");
  }
}
