package io.channels4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channels4j.testkit.Fault;
import io.channels4j.testkit.PusherTestServer;
import io.channels4j.testkit.RecordedTrigger;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code batch}: newline-delimited events, 10 per request, progress and a summary. */
class BatchCommandTest {
  private final PusherTestServer server = PusherTestServer.start();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    server.close();
  }

  private Path file(int events) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= events; i++) {
      lines.add("{\"channel\":\"c" + (i % 3) + "\",\"name\":\"e\",\"data\":{\"n\":" + i + "}}");
    }
    Path f = dir.resolve("events.ndjson");
    Files.write(f, lines, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void sends23EventsIn3RequestsWithAProgressBarAndSummary() throws Exception {
    CliRunner.Result r =
        CliRunner.run("batch", "--url", server.url(), "--progress=bar", file(23).toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("sent 23 of 23 events in 3 requests, 0 failed\n");
    assertThat(r.err())
        .contains("\r[#############.................] 10/23 events")
        .contains("\r[##########################....] 20/23 events")
        .endsWith("\r[##############################] 23/23 events\n");
    assertThat(server.requests()).hasSize(3);
    List<RecordedTrigger> all = server.triggers();
    assertThat(all).hasSize(23);
    assertThat(all.get(0).data()).isEqualTo("{\"n\":1}");
    assertThat(all.get(22).channel()).isEqualTo("c2");
  }

  @Test
  void autoDrawsTheBarWhenStderrIsATerminal() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io terminal =
        new Io(
            Map.of(),
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            true,
            Clock.systemUTC());
    int code =
        Cli.run(new String[] {"batch", "--url", server.url(), file(12).toString()}, terminal);
    assertThat(code).isZero();
    assertThat(err.toString())
        .contains("\r[#########################.....] 10/12 events")
        .endsWith("\r[##############################] 12/12 events\n");
  }

  @Test
  void autoPrintsPlainLinesWhenStderrIsNotATerminal() throws Exception {
    // CliRunner's stderr is a buffer, as in a CI log: no carriage returns, a line at the end.
    CliRunner.Result r = CliRunner.run("batch", "--url", server.url(), file(23).toString());
    assertThat(r.code()).isZero();
    assertThat(r.err()).doesNotContain("\r").endsWith("progress: 23/23 events (100%)\n");
    assertThat(r.err().lines()).allMatch(l -> l.startsWith("progress: "));
  }

  @Test
  void linesModeReportsFailuresOnTheirOwnLines() {
    server.enqueueFault(Fault.status(500, "down"));
    String input = "{\"channel\":\"c\",\"name\":\"e\",\"data\":\"1\"}\n";
    CliRunner.Result r =
        CliRunner.run(Map.of(), input, "batch", "--url", server.url(), "--progress", "lines", "-");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines())
        .satisfiesExactly(
            l -> assertThat(l).startsWith("line 1: ").contains("HTTP 500"),
            l -> assertThat(l).isEqualTo("progress: 1/1 events (100%)"));
  }

  @Test
  void progressNoneAndNoProgressPrintNothing() throws Exception {
    for (String flag : List.of("--progress=none", "--no-progress", "--progress=NONE")) {
      CliRunner.Result r = CliRunner.run("batch", "--url", server.url(), flag, file(3).toString());
      assertThat(r.code()).as(flag).isZero();
      assertThat(r.err()).as(flag).isEmpty();
    }
  }

  @Test
  void refusesAnUnknownProgressMode() throws Exception {
    CliRunner.Result r =
        CliRunner.run("batch", "--url", server.url(), "--progress=fancy", file(1).toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("error: --progress must be auto, bar, lines or none, but is 'fancy'\n");
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void sendsStringDataAsIsAndHonoursSocketId() {
    String input =
        "{\"channel\":\"c\",\"name\":\"e\",\"data\":\"plain\",\"socket_id\":\"1.2\"}\n\n";
    CliRunner.Result r = CliRunner.run(Map.of(), input, "batch", "--url", server.url(), "-");
    assertThat(r.code()).isZero();
    RecordedTrigger t = server.takeTrigger();
    assertThat(t.data()).isEqualTo("plain");
    assertThat(t.socketId()).hasValue("1.2");
    assertThat(t.batched()).isTrue();
  }

  @Test
  void reportsBadLinesAndStillSendsTheRestWithExit1() {
    String input =
        String.join(
            "\n",
            "{\"channel\":\"c\",\"name\":\"e\",\"data\":\"1\"}",
            "not json",
            "{\"channel\":\"bad channel\",\"name\":\"e\",\"data\":\"3\"}",
            "{\"channel\":\"c\",\"name\":\"e\"}",
            "{\"channel\":\"c\",\"name\":\"e\",\"data\":\"5\"}");
    CliRunner.Result r =
        CliRunner.run(Map.of(), input, "batch", "--url", server.url(), "--no-progress");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEqualTo("sent 2 of 5 events in 1 request, 3 failed\n");
    assertThat(r.err().lines())
        .hasSize(3)
        .anySatisfy(l -> assertThat(l).startsWith("line 2: not JSON"))
        .anySatisfy(l -> assertThat(l).startsWith("line 3: channel may contain only"))
        .anySatisfy(l -> assertThat(l).isEqualTo("line 4: data is missing"));
    assertThat(server.triggers()).extracting(RecordedTrigger::data).containsExactly("1", "5");
  }

  @Test
  void countsAFailedRequestsEventsAsFailed() throws Exception {
    server.enqueueFault(Fault.status(500, "down"));
    CliRunner.Result r =
        CliRunner.run("batch", "--url", server.url(), "--json", file(12).toString());
    assertThat(r.code()).isEqualTo(1);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.path("sent").asInt()).isEqualTo(2);
    assertThat(json.path("failed").asInt()).isEqualTo(10);
    assertThat(json.path("requests").asInt()).isEqualTo(2);
    assertThat(json.path("failures").get(0).path("line").asInt()).isEqualTo(1);
    assertThat(json.path("failures").get(0).path("error").asText()).contains("HTTP 500");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void honoursTheBatchSize() throws Exception {
    CliRunner.Result r =
        CliRunner.run(
            "batch",
            "--url",
            server.url(),
            "--batch-size",
            "4",
            "--no-progress",
            file(9).toString());
    assertThat(r.code()).isZero();
    assertThat(server.requests()).hasSize(3);
  }

  @Test
  void refusesAnOutOfRangeBatchSize() throws Exception {
    CliRunner.Result r =
        CliRunner.run("batch", "--url", server.url(), "--batch-size", "11", file(1).toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: --batch-size must be 1 to 10, but is 11\n");
  }

  @Test
  void refusesEmptyInput() {
    CliRunner.Result r = CliRunner.run(Map.of(), "\n\n", "batch", "--url", server.url());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: the input holds no events\n");
  }

  @Test
  void aMissingFileIsOneLine() {
    CliRunner.Result r = CliRunner.run("batch", "--url", server.url(), "/no/such/file.ndjson");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: no such file: /no/such/file.ndjson\n");
  }
}
