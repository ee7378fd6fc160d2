package io.channels4j.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.channels4j.benchmarks.load.Drive;
import io.channels4j.benchmarks.load.Family;
import io.channels4j.benchmarks.load.RunResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportGeneratorTest {
  @TempDir Path dir;

  @Test
  void writesTablesTargetsAndAWellFormedChart() throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    List<String> csv = new ArrayList<>(List.of(RunResult.CSV_HEADER));
    for (int round = 1; round <= 3; round++) {
      csv.add(run(round, "raw-socket", Family.LIMIT, 10.0, 30_000).toCsv());
      csv.add(run(round, "official-sync", Family.OFFICIAL, 100.0 + round, 5_000).toCsv());
      csv.add(run(round, "channels4j-jdk", Family.CHANNELS4J, 12.0, 7_000).toCsv());
    }
    Files.write(results.resolve("load.csv"), csv);
    Files.writeString(
        results.resolve("verify.csv"),
        "contender,concurrency,drive,ok,body_bytes,body_identical,problems\n"
            + "raw-socket,1,BLOCKING,true,64,true,\n"
            + "official-sync,1,BLOCKING,true,64,false,\n");
    Files.writeString(
        results.resolve("machine.properties"),
        "cores=2\nrounds=3\nwarmup=PT1S\nmeasure=PT2S\nsink_is_measurement_sink=true\n"
            + "contender.raw-socket=the limit\n");
    Files.writeString(
        results.resolve("jmh.json"),
        "["
            + jmh("PusherHttpJavaBenchmark", "privateAuth", 100_000, 2_000)
            + ","
            + jmh("Channels4jBenchmark", "privateAuth", 300_000, 500)
            + ","
            + jmh("Channels4jBenchmark", "userAuth", 250_000, 600)
            + ","
            + jmh("PusherHttpJavaBenchmark", "verifyWebhook", 500_000, 2_000)
            + ","
            + jmh("Channels4jBenchmark", "verifyWebhook", 200_000, 7_000)
            + ","
            + jmh("PusherHttpJavaBenchmark", "checkWebhookSignature", 500_000, 2_000)
            + ","
            + jmh("Channels4jBenchmark", "checkWebhookSignature", 600_000, 100)
            + ","
            + jmh("PusherHttpJavaBenchmark", "verifyAndReadWebhook", 100_000, 9_000)
            + ","
            + jmh("Channels4jBenchmark", "verifyAndReadWebhook", 200_000, 7_000)
            + "]");
    Path notes = Files.writeString(dir.resolve("notes.md"), "## Analysis\n\nWhy it is so.\n");
    Path markdown = dir.resolve("BENCHMARKS.md");

    ReportGenerator.run(
        new String[] {
          "--results", results.toString(),
          "--markdown", markdown.toString(),
          "--notes", notes.toString()
        });

    String md = Files.readString(markdown);
    assertThat(md)
        .contains(
            "| CPU/request ≤ 1.3× raw socket, c=1 | channels4j-jdk | 1.20× (rounds 1.20–1.20; excl. JIT 1.15×)")
        .contains(
            "| req/s ≥ 1.2× official (best variant: official-sync), c=1 | channels4j-jdk | 1.40× | yes |")
        .contains(
            "| micro privateAuth: ≥ 2.5× throughput at ≤ 1/3 allocation | channels4j | 3.00× ops/s, 0.25× B/op | yes |")
        .contains("| micro userAuth | channels4j | no official counterpart | n/a |")
        .contains(
            "| micro checkWebhookSignature: ≥ 1.0× throughput | channels4j | 1.20× ops/s, 0.05× B/op"
                + " | yes |")
        .contains(
            "| micro verifyWebhook (context, no target) | channels4j | 0.40× ops/s, 3.50× B/op | n/a |")
        .contains(
            "| micro verifyAndReadWebhook (context, no target) | channels4j | 2.00× ops/s, 0.78× B/op"
                + " | n/a |")
        .contains("## Analysis\n\nWhy it is so.\n\n## Microbenchmarks")
        .contains("| official-sync | blocking | 5,000<br>(5,000–5,000) | ")
        .contains("every contender ran a 1 s warm-up")
        .contains(
            "![Client CPU per request relative to the raw-socket limit](results/cpu-per-request.svg)");
    byte[] svg = Files.readAllBytes(results.resolve(ReportGenerator.CHART_FILE));
    assertThat(
            DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg))
                .getDocumentElement()
                .getTagName())
        .isEqualTo("svg");
    assertThat(new String(svg, StandardCharsets.UTF_8)).contains("official-sync", "channels4j-jdk");
  }

  private static RunResult run(int round, String name, Family family, double cpu, double rps) {
    return new RunResult(
        round,
        name,
        family,
        1,
        Drive.BLOCKING,
        (long) (rps * 2),
        0,
        2.0,
        rps,
        50,
        200,
        cpu,
        0.5,
        0.4,
        0.1,
        1.0,
        1.0,
        10,
        5,
        "");
  }

  private static String jmh(String cls, String op, double score, double bytes) {
    return "{\"benchmark\":\"io.channels4j.benchmarks.micro."
        + cls
        + "."
        + op
        + "\",\"forks\":1,\"warmupIterations\":3,\"warmupTime\":\"1 s\",\"measurementIterations\":5,"
        + "\"measurementTime\":\"1 s\",\"primaryMetric\":{\"score\":"
        + score
        + ",\"scoreError\":\"NaN\"},\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":"
        + bytes
        + "}}}";
  }
}
