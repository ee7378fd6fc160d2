package io.channels4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.channels4j.Event;
import io.channels4j.Pusher;
import io.channels4j.PusherException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

  private record Line(int number, Event event) {}

  private record Failure(int line, String error) {}

  @Override
  public Integer call() {
    if (batchSize < 1 || batchSize > 10) {
      throw new CliException(Cli.USAGE, "--batch-size must be 1 to 10, but is " + batchSize);
    }
    List<String> text = readLines();
    List<Line> events = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (int i = 0; i < text.size(); i++) {
      String line = text.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        events.add(new Line(i + 1, parse(line)));
      } catch (IllegalArgumentException e) {
        failures.add(new Failure(i + 1, Cli.oneLine(e.getMessage())));
      }
    }
    int total = events.size() + failures.size();
    if (total == 0) {
      throw new CliException(Cli.USAGE, "the input holds no events");
    }
    encryption.requireFor(events.stream().map(l -> l.event().channel()).toList(), io);
    failures.forEach(this::reportFailure);
    int sent = 0;
    int requests = 0;
    Progress progress = Progress.start(progressMode(), io, total, "events");
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
          .sorted((a, b) -> Integer.compare(a.line(), b.line()))
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

  private Event parse(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("each line must be a JSON object");
    }
    String channel = text(node, "channel");
    String name = text(node, "name");
    JsonNode data = node.get("data");
    if (data == null || data.isNull()) {
      throw new IllegalArgumentException("data is missing");
    }
    Event event = Event.of(channel, name, data.isTextual() ? data.asText() : data.toString());
    JsonNode socket = node.get("socket_id");
    if (socket != null && !socket.isNull()) {
      event = event.excluding(socket.asText());
    }
    return event;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(field + " (a string) is missing");
    }
    return value.asText();
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

  /** {@code --progress}, {@code --no-progress}, and none with {@code --json}. */
  private Progress.Mode progressMode() {
    Progress.Mode mode;
    try {
      mode = Progress.Mode.valueOf(progressMode.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CliException(
          Cli.USAGE, "--progress must be auto, bar, lines or none, but is '" + progressMode + "'");
    }
    if (noProgress && mode != Progress.Mode.AUTO && mode != Progress.Mode.NONE) {
      throw new CliException(Cli.USAGE, "--no-progress contradicts --progress=" + progressMode);
    }
    return json || noProgress ? Progress.Mode.NONE : mode;
  }

  private List<String> readLines() {
    try {
      String content =
          file == null || file.equals("-")
              ? new String(io.readStdin("the events (FILE -)"), StandardCharsets.UTF_8)
              : Files.readString(Path.of(file), StandardCharsets.UTF_8);
      return content.lines().toList();
    } catch (NoSuchFileException e) {
      throw new CliException(Cli.USAGE, "no such file: " + e.getFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
