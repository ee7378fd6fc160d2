package io.channels4j.benchmarks.report;

import io.channels4j.benchmarks.Json;
import io.channels4j.benchmarks.load.RunResult;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Reads a results directory written by {@code benchmarks/run.sh} into {@link Results}. */
final class ResultsReader {
  private ResultsReader() {}

  /**
   * Reads {@code machine.properties}, {@code jmh-machine.properties}, {@code jmh.json}, {@code
   * load.csv} and {@code verify.csv}; a missing file gives empty properties or no rows, so a
   * partial run still gets a report.
   */
  static Results read(Path dir) throws IOException {
    return new Results(
        properties(text(dir.resolve("machine.properties"))),
        properties(text(dir.resolve("jmh-machine.properties"))),
        jmh(text(dir.resolve("jmh.json"))),
        runs(text(dir.resolve("load.csv"))),
        verifications(text(dir.resolve("verify.csv"))));
  }

  /** JMH's JSON output ({@code -rf json}); empty text gives no rows. */
  @SuppressWarnings("unchecked")
  static List<JmhRow> jmh(String json) {
    List<JmhRow> rows = new ArrayList<>();
    if (json.isEmpty()) {
      return rows;
    }
    for (Object o : (List<Object>) Json.parse(json)) {
      Map<String, Object> b = (Map<String, Object>) o;
      String[] parts = ((String) b.get("benchmark")).split("\\.");
      Map<String, Object> primary = (Map<String, Object>) b.get("primaryMetric");
      Map<String, Object> secondary = (Map<String, Object>) b.get("secondaryMetrics");
      Map<String, Object> alloc =
          secondary == null ? null : (Map<String, Object>) secondary.get("gc.alloc.rate.norm");
      rows.add(
          new JmhRow(
              parts[parts.length - 2],
              parts[parts.length - 1],
              number(primary.get("score")),
              number(primary.get("scoreError")),
              alloc == null ? Double.NaN : number(alloc.get("score")),
              (int) number(b.get("forks")),
              (int) number(b.get("warmupIterations")),
              String.valueOf(b.get("warmupTime")),
              (int) number(b.get("measurementIterations")),
              String.valueOf(b.get("measurementTime"))));
    }
    return rows;
  }

  /** {@code load.csv}: a header line, then one {@link RunResult#toCsv()} line per run. */
  static List<RunResult> runs(String csv) {
    List<RunResult> runs = new ArrayList<>();
    for (String line : dataLines(csv)) {
      runs.add(RunResult.fromCsv(line));
    }
    return runs;
  }

  /**
   * {@code verify.csv}: a header line, then {@code
   * contender,concurrency,drive,ok,body_bytes,body_identical,problems}.
   */
  static List<Results.Verification> verifications(String csv) {
    List<Results.Verification> rows = new ArrayList<>();
    for (String line : dataLines(csv)) {
      String[] f = line.split(",", -1);
      rows.add(
          new Results.Verification(
              f[0],
              f[1],
              f[2],
              "true".equals(f[3]),
              f[4],
              "true".equals(f[5]),
              f.length > 6 ? f[6] : ""));
    }
    return rows;
  }

  /** JMH writes numbers, or strings such as {@code "NaN"}; anything else reads as NaN. */
  static double number(Object o) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    if (o instanceof String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  private static List<String> dataLines(String csv) {
    List<String> lines = csv.lines().toList();
    List<String> data = new ArrayList<>();
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      if (!line.isBlank()) {
        data.add(line);
      }
    }
    return data;
  }

  private static Properties properties(String text) throws IOException {
    Properties p = new Properties();
    try (Reader r = new StringReader(text)) {
      p.load(r);
    }
    return p;
  }

  private static String text(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
