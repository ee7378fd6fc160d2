package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channels4j.testkit.Fault;
import io.channels4j.testkit.PusherTestServer;
import io.channels4j.testkit.RecordedTrigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fan-out}: lazily read input, packed requests, a failed-items file to resume from. */
class FanOutCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PusherTestServer server = PusherTestServer.start();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    server.close();
  }

  private Map<String, Integer> recorded() {
    Map<String, Integer> counts = new HashMap<>();
    for (RecordedTrigger t : server.triggers()) {
      for (String c : t.channels()) {
        counts.merge(c + "|" + t.data(), 1, Integer::sum);
      }
    }
    return counts;
  }

  @Test
  void sendsOneEventToAListOfChannelsInTheFewestTriggers() {
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      input.append("ch-").append(i).append('\n');
    }
    CliRunner.Result r =
        CliRunner.run(
            Map.of(),
            input.toString(),
            "fan-out",
            "--url",
            server.url(),
            "--channels",
            "-e",
            "refresh",
            "-d",
            "{\"v\":2}",
            "--concurrency",
            "4");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(
            "delivered 250 of 250 events in 3 requests, 0 not delivered, 0 maybe delivered");
    assertThat(r.err()).contains("250 delivered");
    assertThat(server.requests()).hasSize(3);
    assertThat(recorded()).hasSize(250).containsEntry("ch-249|{\"v\":2}", 1);
  }

  @Test
  void sendsToUsersOnePerRequestForThePusherServiceAndManyForSoketi() {
    String input = "alice\nbob\ncarol\n";
    CliRunner.Result pusher =
        CliRunner.run(
            Map.of(), input, "fan-out", "--url", server.url(), "--users", "-e", "dm", "--json");
    assertThat(pusher.code()).isZero();
    assertThat(server.requests()).hasSize(3);

    CliRunner.Result soketi =
        CliRunner.run(
            Map.of(),
            input,
            "fan-out",
            "--url",
            server.url(),
            "--users",
            "-e",
            "dm",
            "--limits",
            "soketi",
            "--json");
    assertThat(soketi.code()).isZero();
    assertThat(server.requests()).hasSize(4);
    assertThat(recorded()).containsEntry("#server-to-user-bob|{}", 2);
  }

  @Test
  void writesWhatFailedToAFileThatResumesWithoutDuplicates() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 95; i++) {
      lines.add("{\"channel\":\"c-" + i + "\",\"name\":\"e\",\"data\":{\"n\":" + i + "}}");
    }
    lines.add("not json");
    Path in = dir.resolve("in.ndjson");
    Files.write(in, lines, StandardCharsets.UTF_8);
    Path failed = dir.resolve("failed.ndjson");
    // A long Retry-After is not waited for: the request's 10 events are not delivered. A 500 makes
    // another request's 10 events maybe delivered.
    server.enqueueFault(Fault.status(429).withHeader("Retry-After", "3600"));
    server.enqueueFault(Fault.status(500));

    CliRunner.Result first =
        CliRunner.run(
            "fan-out",
            "--url",
            server.url(),
            "--concurrency",
            "1",
            "--failed",
            failed.toString(),
            "--json",
            in.toString());

    assertThat(first.code()).isEqualTo(1);
    JsonNode summary = JSON.readTree(first.out());
    assertThat(summary.get("delivered").asInt()).isEqualTo(75);
    assertThat(summary.get("not_delivered").asInt()).isEqualTo(10);
    assertThat(summary.get("maybe_delivered").asInt()).isEqualTo(10);
    assertThat(summary.get("bad_lines").asInt()).isEqualTo(1);
    List<String> failedLines = Files.readAllLines(failed);
    assertThat(failedLines).hasSize(20);
    assertThat(failedLines)
        .filteredOn(l -> l.contains("\"outcome\":\"NOT_DELIVERED\""))
        .hasSize(10)
        .allMatch(l -> l.contains("429"));

    CliRunner.Result resume =
        CliRunner.run("fan-out", "--url", server.url(), "--json", failed.toString());

    assertThat(resume.code()).isZero();
    assertThat(JSON.readTree(resume.out()).get("delivered").asInt()).isEqualTo(10);
    // The 500's events reached the test server; the 429's did not until the resume: each once.
    assertThat(recorded()).hasSize(85).allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
  }

  @Test
  void refusesBothChannelsAndUsers() {
    CliRunner.Result r =
        CliRunner.run("fan-out", "--url", server.url(), "--channels", "--users", "-e", "x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--channels or --users, not both");
  }

  @Test
  void reportsProgressAsPlainLinesWhereTheOutputIsKept() {
    CliRunner.Result r =
        CliRunner.run(
            Map.of(),
            "a\nb\nc\n",
            "fan-out",
            "--url",
            server.url(),
            "--channels",
            "-e",
            "refresh",
            "--progress=lines");

    assertThat(r.code()).as(r.err()).isZero();
    // No carriage-return redraws in a kept log: the final count on a line of its own.
    assertThat(r.err()).doesNotContain("\r");
    assertThat(r.err().lines())
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "progress: 3 events done: 3 delivered, 0 not delivered, 0 maybe,"
                            + " 1 requests, \\d+ events/s"));
  }

  @Test
  void drawsNoProgressWithProgressNone() {
    CliRunner.Result r =
        CliRunner.run(
            Map.of(),
            "a\n",
            "fan-out",
            "--url",
            server.url(),
            "--channels",
            "-e",
            "x",
            "--progress=none");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("progress").doesNotContain("delivered");
  }

  @Test
  void refusesAnUnknownProgressMode() {
    CliRunner.Result r =
        CliRunner.run(
            "fan-out", "--url", server.url(), "--channels", "-e", "x", "--progress=fancy");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--progress must be auto, bar, lines or none, but is 'fancy'");
  }

  @Test
  void refusesDataFromStdinWhenTheInputIsStdinAndSendsNothing() {
    CliRunner.Result r =
        CliRunner.run(
            Map.of(),
            "a\nb\n",
            "fan-out",
            "--url",
            server.url(),
            "--channels",
            "-e",
            "x",
            "-d",
            "-");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("standard input is already read by the fan-out input, so --data - cannot");
    assertThat(server.requests()).isEmpty();
  }
}
