package io.channels4j.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Turns a results directory (JMH's {@code jmh.json}, the load driver's {@code load.csv}, {@code
 * verify.csv} and {@code machine.properties}) into {@code BENCHMARKS.md} and an SVG chart of client
 * CPU per request relative to the raw-socket limit.
 *
 * <p>The steps live apart: {@link ResultsReader} reads the files, {@link Aggregation} summarises
 * the load rounds, {@link Targets} checks them, {@link MarkdownReport} and {@link CpuChart} write.
 */
public final class ReportGenerator {
  private ReportGenerator() {}

  /**
   * Writes the report.
   *
   * @param args {@code --results DIR} (default {@code results}), {@code --markdown FILE} (default
   *     {@code BENCHMARKS.md}), {@code --notes FILE} (optional: hand-written analysis, included
   *     after the targets)
   * @return exit code, 0 on success
   * @throws IOException if a file cannot be read or written
   */
  public static int run(String[] args) throws IOException {
    Path results = Path.of("results");
    Path markdown = Path.of("BENCHMARKS.md");
    Path notes = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--results" -> results = Path.of(args[i + 1]);
        case "--markdown" -> markdown = Path.of(args[i + 1]);
        case "--notes" -> notes = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    write(results, markdown, notes);
    System.out.println("wrote " + markdown + " and " + results.resolve(CpuChart.FILE));
    return 0;
  }

  private static void write(Path resultsDir, Path markdown, Path notes) throws IOException {
    Results results = ResultsReader.read(resultsDir);
    List<LoadAggregate> aggregates = Aggregation.aggregate(results.runs());
    Path chart = resultsDir.resolve(CpuChart.FILE);
    String text =
        MarkdownReport.write(
            new MarkdownReport.Input(
                results,
                aggregates,
                Targets.check(results.jmh(), aggregates),
                notes != null && Files.exists(notes)
                    ? Files.readString(notes, StandardCharsets.UTF_8)
                    : null,
                Instant.now(),
                relative(markdown, resultsDir),
                relative(markdown, chart)));
    Files.createDirectories(markdown.toAbsolutePath().getParent());
    Files.writeString(markdown, text, StandardCharsets.UTF_8);
    Files.writeString(chart, CpuChart.render(aggregates), StandardCharsets.UTF_8);
  }

  /** {@code target} as a link from the markdown file's directory, with forward slashes. */
  static String relative(Path markdown, Path target) {
    Path base = markdown.toAbsolutePath().getParent();
    String path = base.relativize(target.toAbsolutePath()).toString().replace('\\', '/');
    return path.isEmpty() ? "." : path;
  }
}
