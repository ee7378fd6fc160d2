package io.channels4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.Event;
import io.channels4j.Pusher;
import io.channels4j.PusherException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code channels4j batch [FILE]}: events from newline-delimited JSON, up to 10 per request. */
@Command(
    name = "batch",
    description = {
      "Send events from newline-delimited JSON, 10 per request.",
      "Shows progress on stderr (see --progress), then a summary of sent and failed",
      "events. Each line: {\"channel\":\"c\",\"name\":\"e\",\"data\":...}, optionally",
      "\"socket_id\"; data that is not a string is sent as JSON text. Blank lines are",
      "skipped."
    })
final class BatchCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;

  @Mixin EncryptionOptions encryption;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "The events; - or none reads stdin.")
  String file;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "10",
      description = "Events per request, 1 to 10 (default: 10).")
  int batchSize;

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      defaultValue = "auto",
      completionCandidates = Progress.Modes.class,
      description =
          "auto (default): a bar redrawn in place if stderr is a terminal, else lines;"
              + " bar; lines: a plain line every 5 s and at the end, for CI logs; none.")
  String progressMode;

  @Option(names = "--no-progress", description = "The same as --progress=none.")
  boolean noProgress;

  private record Line(long number, Event event) {}

  private record Failure(long line, String error) {}

  @Override
  public Integer call() {
    if (batchSize < 1 || batchSize > 10) {
      throw new CliException(Cli.USAGE, "--batch-size must be 1 to 10, but is " + batchSize);
    }
    // All read before the first request: the total drives the bar, and every encrypted channel
    // must have its key before anything is sent.
    List<Line> events = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    try (InputLines in = InputLines.open(io, file, "the events (FILE -)")) {
      for (InputLines.Line line = in.next(); line != null; line = in.next()) {
        try {
          events.add(new Line(line.number(), parse(line.text())));
        } catch (IllegalArgumentException e) {
          failures.add(new Failure(line.number(), Cli.oneLine(e.getMessage())));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the input: " + e.getMessage(), e);
    }
    int total = events.size() + failures.size();
    if (total == 0) {
      throw new CliException(Cli.USAGE, "the input holds no events");
    }
    encryption.requireFor(events.stream().map(l -> l.event().channel()).toList(), io);
    failures.forEach(this::reportFailure);
    int sent = 0;
    int requests = 0;
    Progress progress =
        Progress.start(Progress.mode(progressMode, noProgress, json), io, total, "events");
    try (Pusher pusher = connection.client(io, encryption)) {
      for (int from = 0; from < events.size(); from += batchSize) {
        List<Line> chunk = events.subList(from, Math.min(events.size(), from + batchSize));
        List<Event> batch = new ArrayList<>();
        chunk.forEach(l -> batch.add(l.event()));
        requests++;
        try {
          pusher.triggerBatch(batch);
          sent += chunk.size();
        } catch (PusherException | IllegalArgumentException e) {
          for (Line l : chunk) {
            Failure f = new Failure(l.number(), Cli.oneLine(e.getMessage()));
            failures.add(f);
            if (!json) {
              progress.message(failureLine(f));
            }
          }
        }
        progress.update(sent + failures.size());
      }
    }
    progress.finish();
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("sent", sent);
      out.put("failed", failures.size());
      out.put("requests", requests);
      List<Map<String, Object>> list = new ArrayList<>();
      failures.stream()
          .sorted((a, b) -> Long.compare(a.line(), b.line()))
          .forEach(
              f -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("line", f.line());
                m.put("error", f.error());
                list.add(m);
              });
      out.put("failures", list);
      printJson(out);
    } else {
      println(
          "sent "
              + sent
              + " of "
              + total
              + " events in "
              + requests
              + (requests == 1 ? " request" : " requests")
              + ", "
              + failures.size()
              + " failed");
    }
    return failures.isEmpty() ? Cli.OK : Cli.FAILED;
  }

  private static Event parse(String line) {
    JsonNode node = JsonInput.object(line);
    String channel = JsonInput.text(node, "channel");
    String name = JsonInput.text(node, "name");
    Event event = Event.of(channel, name, JsonInput.data(node));
    JsonNode socket = node.get("socket_id");
    if (socket != null && !socket.isNull()) {
      event = event.excluding(socket.asText());
    }
    return event;
  }

  private void reportFailure(Failure f) {
    if (!json) {
      io.err().println(failureLine(f));
      io.err().flush();
    }
  }

  private static String failureLine(Failure f) {
    return "line " + f.line() + ": " + f.error();
  }
}
