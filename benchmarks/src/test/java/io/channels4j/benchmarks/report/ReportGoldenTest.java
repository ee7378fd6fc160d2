package io.channels4j.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole report for fixed inputs, compared byte for byte with the output the generator wrote
 * before it was split into reader, aggregation, targets and markdown writer ({@code expected-*}
 * files, produced by that earlier version). Only the generation time is masked.
 */
class ReportGoldenTest {
  @TempDir Path dir;

  @Test
  void fixtureResultsGiveTheSameReportAndChartAsBeforeTheSplit() throws Exception {
    Path results = copyFixture("fixture/results", dir.resolve("results"));
    Path notes = copyFixture("fixture/notes.md", dir.resolve("notes.md"));
    Path markdown = dir.resolve("BENCHMARKS.md");

    ReportGenerator.run(
        new String[] {
          "--results", results.toString(),
          "--markdown", markdown.toString(),
          "--notes", notes.toString()
        });

    assertSame("expected-BENCHMARKS.md", maskTime(Files.readString(markdown)));
    assertSame("expected-cpu-per-request.svg", Files.readString(results.resolve(CpuChart.FILE)));
  }

  @Test
  void emptyResultsGiveTheSameReportAsBeforeTheSplit() throws Exception {
    Path results = Files.createDirectories(dir.resolve("results"));
    Path markdown = dir.resolve("BENCHMARKS.md");

    ReportGenerator.run(
        new String[] {"--results", results.toString(), "--markdown", markdown.toString()});

    assertSame("expected-empty-BENCHMARKS.md", maskTime(Files.readString(markdown)));
  }

  private static String maskTime(String markdown) {
    return markdown.replaceFirst(
        "on \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z\\.", "on 2000-01-01T00:00:00Z.");
  }

  private static void assertSame(String expectedResource, String actual) throws IOException {
    Path expected = resource(expectedResource);
    if (!Files.exists(expected)) {
      Path written = Path.of("target", expectedResource);
      Files.writeString(written, actual, StandardCharsets.UTF_8);
      throw new AssertionError(expectedResource + " is missing; the output is in " + written);
    }
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }

  private static Path copyFixture(String name, Path target) throws IOException {
    Path source = resource(name);
    if (!Files.isDirectory(source)) {
      return Files.copy(source, target);
    }
    Files.createDirectories(target);
    try (Stream<Path> files = Files.list(source)) {
      files.forEach(
          f -> {
            try {
              Files.copy(f, target.resolve(f.getFileName().toString()));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return target;
  }

  private static Path resource(String name) {
    Path base;
    try {
      base = Path.of(ReportGoldenTest.class.getResource("fixture").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return base.resolve(name);
  }
}
