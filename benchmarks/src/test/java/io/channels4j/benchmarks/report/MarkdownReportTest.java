package io.channels4j.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.benchmarks.load.Family;
import io.channels4j.benchmarks.report.Targets.Check;
import io.channels4j.benchmarks.report.Targets.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MarkdownReportTest {
  private static final Stats NONE = new Stats(Double.NaN, Double.NaN, Double.NaN, 0);

  @Test
  void cellShowsTheMedianAndTheRangeOnlyWhenThereAreSeveralValues() {
    assertThat(MarkdownReport.cell(new Stats(1234.4, 1000, 2000.6, 3), "%,.0f"))
        .isEqualTo("1,234<br>(1,000–2,001)");
    assertThat(MarkdownReport.cell(new Stats(1.25, 1.25, 1.25, 1), "%.1f")).isEqualTo("1.3");
    assertThat(MarkdownReport.cell(NONE, "%.1f")).isEqualTo("n/a");
  }

  @Test
  void formatsDurationsMemoryAndRatios() {
    assertThat(MarkdownReport.duration("PT2S")).isEqualTo("2 s");
    assertThat(MarkdownReport.duration("PT2.5S")).isEqualTo("2500 ms");
    assertThat(MarkdownReport.duration(null)).isEqualTo("?");
    assertThat(MarkdownReport.memory("2097152 kB")).isEqualTo("2.0 GiB");
    assertThat(MarkdownReport.memory("lots")).isEqualTo("lots");
    assertThat(MarkdownReport.ratio(0.125)).isEqualTo("0.13×");
    assertThat(MarkdownReport.ratio(Double.NaN)).isEqualTo("n/a");
  }

  @Test
  void writesTargetsWithTheirVerdictsAndTheNotesRightAfter() {
    String md =
        MarkdownReport.write(
            input(
                new Results(new Properties(), new Properties(), List.of(), List.of(), List.of()),
                List.of(),
                List.of(
                    new Check("t1", "channels4j", "1.00×", Verdict.MET),
                    new Check("t2", "channels4j", "2.00×", Verdict.MISSED),
                    new Check("t3", "channels4j", "context", Verdict.NONE)),
                "\n## Analysis\n\nBecause.\n\n"));

    assertThat(md)
        .contains(
            "## Targets\n\n"
                + "| target | contender | measured | met |\n|---|---|---|---|\n"
                + "| t1 | channels4j | 1.00× | yes |\n"
                + "| t2 | channels4j | 2.00× | **no** |\n"
                + "| t3 | channels4j | context | n/a |\n\n"
                + "## Analysis\n\nBecause.\n\n## Microbenchmarks");
  }

  @Test
  void saysSoWhenNoTargetCanBeChecked() {
    String md = MarkdownReport.write(input(emptyResults(), List.of(), List.of(), null));

    assertThat(md)
        .contains("## Targets\n\nchannels4j's contenders are not plugged in yet")
        .contains("No JMH results in this run.")
        .contains("No load results in this run.")
        .contains("No verification results.")
        .doesNotContain("Smoke run");
  }

  @Test
  void marksASmokeRunAndEscapesPipesInMachineValues() {
    Properties machine = new Properties();
    machine.setProperty("sink_is_measurement_sink", "false");
    machine.setProperty("cpu_model", "Fast | Cheap");
    machine.setProperty("cores", "2");

    String md =
        MarkdownReport.write(
            input(
                new Results(machine, new Properties(), List.of(), List.of(), List.of()),
                List.of(),
                List.of(),
                null));

    assertThat(md)
        .contains("> **Smoke run**: the load sink was the JDK fallback")
        .contains("| CPU | Fast \\| Cheap, 2 cores |");
  }

  @Test
  void comparesEachLibraryWithTheOfficialAndNamesOperationsItLacks() {
    List<JmhRow> jmh =
        List.of(
            new JmhRow(JmhRow.OFFICIAL_CLASS, "privateAuth", 1_000, 10, 800, 1, 3, "1 s", 5, "2 s"),
            new JmhRow(
                JmhRow.CHANNELS4J_CLASS,
                "privateAuth",
                2_500,
                Double.NaN,
                200,
                1,
                3,
                "1 s",
                5,
                "2 s"),
            new JmhRow(JmhRow.CHANNELS4J_CLASS, "userAuth", 3_000, 5, 100, 1, 3, "1 s", 5, "2 s"));

    String md =
        MarkdownReport.write(
            input(
                new Results(new Properties(), new Properties(), jmh, List.of(), List.of()),
                List.of(),
                List.of(),
                null));

    assertThat(md)
        .contains("1 fork(s), 3 × 1 s warm-up, 5 × 2 s measurement")
        .contains("| privateAuth | pusher-http-java 1.3.4 | 1,000 | 10 | 800 |  |  |\n")
        .contains("| privateAuth | channels4j | 2,500 | n/a | 200 | 2.50× | 0.25× |\n")
        .contains("| userAuth | channels4j | 3,000 | 5 | 100 |  |  |\n")
        .contains("| userAuth | pusher-http-java | n/a: the library has no such API | | | | |\n");
  }

  @Test
  void loadTablePerConcurrencyWithTheLimitAsOneAndRatesAgainstTheBestOfficial() {
    Properties machine = new Properties();
    machine.setProperty("rounds", "3");
    machine.setProperty("warmup", "PT1S");
    machine.setProperty("warmup_max", "PT5S");
    machine.setProperty("measure", "PT2S");
    machine.setProperty("contender.raw-socket", "the limit");
    List<LoadAggregate> aggs =
        List.of(
            load("raw-socket", Family.LIMIT, 8_000, NONE, new Stats(4, 4, 4, 1)),
            load("official", Family.OFFICIAL, 2_000, new Stats(5, 5, 5, 1), NONE),
            load("channels4j", Family.CHANNELS4J, 5_000, new Stats(1.25, 1.2, 1.3, 2), NONE));

    String md =
        MarkdownReport.write(
            input(
                new Results(machine, new Properties(), List.of(), List.of(), List.of()),
                aggs,
                List.of(),
                null));

    assertThat(md)
        .contains("3 rounds; in each, every contender ran a 1 s warm-up (continued up to 5 s")
        .contains("and a 2 s measurement")
        .contains("### Concurrency 1\n\n")
        .contains("| raw-socket | blocking | 8,000 | n/a | n/a | n/a | 1 (limit) | 1 | 4.00× |")
        .contains("| official | blocking | 2,000 | n/a | n/a | n/a | 5.00 | n/a | 1.00× |")
        .contains(
            "| channels4j | blocking | 5,000 | n/a | n/a | n/a | 1.25<br>(1.20–1.30) | n/a | 2.50×"
                + " | NaN / NaN | 0 |")
        .contains("![Client CPU per request relative to the raw-socket limit](r/chart.svg)")
        .contains("- `raw-socket`: the limit\n");
  }

  @Test
  void verificationRowsShowProblemsAndHowTheBodyCompared() {
    String md =
        MarkdownReport.write(
            input(
                new Results(
                    new Properties(),
                    new Properties(),
                    List.of(),
                    List.of(),
                    List.of(
                        new Results.Verification("a", "1", "BLOCKING", true, "64", true, ""),
                        new Results.Verification("b", "32", "ASYNC", false, "66", false, "bad"))),
                List.of(),
                List.of(),
                null));

    assertThat(md)
        .contains("| a | 1 | blocking | valid | 64 B, byte-identical |\n")
        .contains("| b | 32 | async | **INVALID**: bad | 66 B, same JSON, other field order |\n");
  }

  private static Results emptyResults() {
    return new Results(new Properties(), new Properties(), List.of(), List.of(), List.of());
  }

  private static MarkdownReport.Input input(
      Results results, List<LoadAggregate> aggs, List<Check> checks, String notes) {
    return new MarkdownReport.Input(
        results,
        aggs,
        checks,
        notes,
        Instant.parse("2020-01-02T03:04:05.678Z"),
        "r",
        "r/chart.svg");
  }

  private static LoadAggregate load(
      String name, Family family, double rps, Stats cpuRatio, Stats jit) {
    return new LoadAggregate(
        name,
        family,
        1,
        "BLOCKING",
        new Stats(rps, rps, rps, 1),
        NONE,
        NONE,
        NONE,
        cpuRatio,
        NONE,
        jit,
        NONE,
        0);
  }

  @Test
  void headerHasTheGenerationTimeToTheSecondAndTheResultsLink() {
    String md = MarkdownReport.write(input(emptyResults(), List.of(), List.of(), null));

    assertThat(md)
        .startsWith(
            "# Benchmarks: channels4j and pusher-http-java\n\n"
                + "Generated by `benchmarks/run.sh` on 2020-01-02T03:04:05Z. Raw results are in `r/`");
  }
}
