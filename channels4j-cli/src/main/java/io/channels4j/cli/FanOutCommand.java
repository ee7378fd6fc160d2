package io.channels4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.channels4j.Pusher;
import io.channels4j.bulk.BulkItem;
import io.channels4j.bulk.BulkLimits;
import io.channels4j.bulk.BulkProgress;
import io.channels4j.bulk.BulkPublisher;
import io.channels4j.bulk.BulkReport;
import io.channels4j.bulk.FailedItem;
import io.channels4j.bulk.Outcome;
import io.channels4j.bulk.Throttle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code channels4j fan-out [FILE]}: a bulk run from newline-delimited JSON, or one event to a list
 * of channels or users, read lazily; the failed items go to a file that can be fed back.
 */
@Command(
    name = "fan-out",
    description = {
      "Send many events with as few requests as the limits allow, several at a time.",
      "Input (read as it goes, any length): newline-delimited JSON, one item a line,",
      "{\"channel\":\"c\",\"name\":\"e\",\"data\":...} (optionally \"socket_id\") or",
      "{\"user\":\"u\",\"name\":\"e\",\"data\":...}; or, with --channels/--users and -e/-d,",
      "one channel or user id a line. Data that is not a string is sent as JSON text.",
      "--failed FILE writes every item not surely delivered, in the same format plus",
      "\"outcome\" and \"reason\": feed it back to resend what surely did not go",
      "(lines marked MAYBE_DELIVERED are skipped unless --include-maybe-delivered)."
    })
final class FanOutCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "The input; - or none reads stdin.")
  String file;

  @Option(names = "--channels", description = "Each line is a channel: send -e/-d to each.")
  boolean channels;

  @Option(names = "--users", description = "Each line is a user id: send -e/-d to each.")
  boolean users;

  @Option(
      names = {"-e", "--event"},
      paramLabel = "NAME",
      description = "The event name, with --channels or --users.")
  String event;

  @Option(
      names = {"-d", "--data"},
      paramLabel = "DATA",
      defaultValue = "{}",
      description = "The data, with --channels or --users (default: {}).")
  String data;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      defaultValue = "16",
      description = "Requests in flight at once, 1 to 1024 (default: 16).")
  int concurrency;

  @Option(
      names = "--rate",
      paramLabel = "N",
      description = "At most N events per second (or requests, with --rate-unit requests).")
  Double rate;

  @Option(
      names = "--rate-unit",
      paramLabel = "UNIT",
      defaultValue = "events",
      description = "events or requests (default: events).")
  String rateUnit;

  @Option(
      names = "--limits",
      paramLabel = "SERVER",
      defaultValue = "pusher",
      description =
          "The server's limits: pusher (1 user per request) or soketi (100); default pusher.")
  String limits;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      defaultValue = "5",
      description = "Tries of a request that surely was not delivered (429, 503), default 5.")
  int maxAttempts;

  @Option(
      names = "--failed",
      paramLabel = "FILE",
      description = "Write the items not surely delivered here (NDJSON, to resume from).")
  Path failedFile;

  @Option(
      names = "--include-maybe-delivered",
      description = "Also resend input lines marked MAYBE_DELIVERED (risks duplicates).")
  boolean includeMaybe;

  @Option(
      names = "--progress",
      paramLabel = "MODE",
      defaultValue = "auto",
      completionCandidates = Progress.Modes.class,
      description =
          "auto (default): a line redrawn in place if stderr is a terminal, else lines;"
              + " bar; lines: a plain line every 5 s and at the end, for CI logs; none.")
  String progressMode;

  @Option(names = "--no-progress", description = "The same as --progress=none.")
  boolean noProgress;

  private Progress progress;

  private long badLines;

  @Override
  public Integer call() {
    if (channels && users) {
      throw new CliException(Cli.USAGE, "give --channels or --users, not both");
    }
    if ((channels || users) && event == null) {
      throw new CliException(Cli.USAGE, "--channels and --users need the event name: -e NAME");
    }
    BulkLimits serverLimits =
        switch (limits) {
          case "pusher" -> BulkLimits.pusherService();
          case "soketi" -> BulkLimits.soketi();
          default ->
              throw new CliException(
                  Cli.USAGE, "--limits must be pusher or soketi, but is " + limits);
        };
    Throttle throttle;
    if (rate == null) {
      throttle = Throttle.unlimited();
    } else if (rateUnit.equals("events")) {
      throttle = Throttle.eventsPerSecond(rate);
    } else if (rateUnit.equals("requests")) {
      throttle = Throttle.requestsPerSecond(rate);
    } else {
      throw new CliException(
          Cli.USAGE, "--rate-unit must be events or requests, but is " + rateUnit);
    }
    // The input is read as it goes, so its length is not known: the count, without a bar.
    progress =
        Progress.start(
            Progress.mode(progressMode, noProgress, json), io, Progress.UNKNOWN, "events");
    try (InputLines in = InputLines.open(io, file, "the fan-out input");
        BufferedWriter failed = failedFile == null ? null : Files.newBufferedWriter(failedFile);
        Pusher pusher =
            connection.builder(io).maxRequestsInFlight(Math.min(concurrency, 1024)).build()) {
      BulkPublisher.Builder b =
          BulkPublisher.builder(pusher)
              .limits(serverLimits)
              .concurrency(concurrency)
              .throttle(throttle)
              .maxAttempts(maxAttempts)
              .onFailedItem(item -> writeFailed(failed, item));
      if (progress.mode() != Progress.Mode.NONE) {
        b.onProgress(this::drawProgress, Duration.ofMillis(250));
      }
      BulkReport report = b.build().publish(items(in));
      progress.finish();
      return summary(report);
    } catch (NoSuchFileException e) {
      throw new CliException(Cli.USAGE, "no such file: " + e.getFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  private int summary(BulkReport report) {
    long failedCount = report.notDelivered() + report.maybeDelivered() + badLines;
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("read", report.read() + badLines);
      out.put("delivered", report.delivered());
      out.put("not_delivered", report.notDelivered());
      out.put("maybe_delivered", report.maybeDelivered());
      out.put("bad_lines", badLines);
      out.put("requests", report.requests());
      out.put("retries", report.retries());
      out.put("seconds", report.elapsed().toMillis() / 1000.0);
      report.inputFailure().ifPresent(e -> out.put("input_error", Cli.oneLine(e.getMessage())));
      printJson(out);
    } else {
      println(
          "delivered "
              + report.delivered()
              + " of "
              + (report.read() + badLines)
              + " events in "
              + report.requests()
              + (report.requests() == 1 ? " request" : " requests")
              + ", "
              + report.notDelivered()
              + " not delivered, "
              + report.maybeDelivered()
              + " maybe delivered"
              + (badLines > 0 ? ", " + badLines + " bad lines" : "")
              + String.format(" (%.1f s)", report.elapsed().toMillis() / 1000.0));
    }
    if (failedFile != null && !report.failed().isEmpty()) {
      throw new CliException(
          Cli.FAILED,
          "could not write every failed item to "
              + failedFile
              + "; "
              + report.failed().size()
              + " are missing from it");
    }
    if (report.inputFailure().isPresent()) {
      throw new CliException(
          Cli.FAILED, "reading the input failed: " + report.inputFailure().get().getMessage());
    }
    return failedCount == 0 ? Cli.OK : Cli.FAILED;
  }

  /** The items, parsed one line at a time as the publisher asks for them. */
  private Iterator<BulkItem> items(InputLines in) {
    String payload = channels || users ? Render.data(data, io) : null;
    return new Iterator<>() {
      private BulkItem next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          InputLines.Line line = in.next();
          if (line == null) {
            return false;
          }
          if (channels) {
            next = BulkItem.toChannel(line.text(), event, payload);
          } else if (users) {
            next = BulkItem.toUser(line.text(), event, payload);
          } else {
            try {
              next = parse(line.text());
            } catch (IllegalArgumentException e) {
              badLines++;
              if (!json) {
                progress.message("line " + line.number() + ": " + Cli.oneLine(e.getMessage()));
              }
            }
          }
        }
        return true;
      }

      @Override
      public BulkItem next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        BulkItem item = next;
        next = null;
        return item;
      }
    };
  }

  /** One NDJSON line; null (skipped) for a failed-file line marked maybe delivered or refused. */
  private BulkItem parse(String line) {
    JsonNode node = JsonInput.object(line);
    String name = JsonInput.text(node, "name");
    String payload = JsonInput.data(node);
    if (node.path("refused").asBoolean(false)
        || (!includeMaybe
            && Outcome.MAYBE_DELIVERED.name().equals(node.path("outcome").asText()))) {
      return null;
    }
    if (node.has("user")) {
      return BulkItem.toUser(JsonInput.text(node, "user"), name, payload);
    }
    JsonNode socket = node.get("socket_id");
    return new BulkItem.ToChannel(
        JsonInput.text(node, "channel"),
        name,
        payload,
        socket == null || socket.isNull() ? Optional.empty() : Optional.of(socket.asText()));
  }

  private void writeFailed(BufferedWriter out, FailedItem f) {
    if (out == null) {
      return;
    }
    ObjectNode line = JSON.createObjectNode();
    if (f.item() instanceof BulkItem.ToChannel c) {
      line.put("channel", c.channel());
      line.put("name", c.name());
      line.put("data", String.valueOf(c.data()));
      c.excludeSocketId().ifPresent(id -> line.put("socket_id", id));
    } else {
      BulkItem.ToUser u = (BulkItem.ToUser) f.item();
      line.put("user", u.userId());
      line.put("name", u.name());
      line.put("data", String.valueOf(u.data()));
    }
    line.put("outcome", f.outcome().name());
    if (f.refused()) {
      line.put("refused", true);
    }
    line.put("reason", Cli.oneLine(f.reason()));
    try {
      out.write(JSON.writeValueAsString(line));
      out.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + failedFile + ": " + e.getMessage(), e);
    }
  }

  private void drawProgress(BulkProgress p) {
    double seconds = Math.max(0.001, p.elapsed().toMillis() / 1000.0);
    progress.update(
        p.done(),
        String.format(
            Locale.ROOT,
            " done: %d delivered, %d not delivered, %d maybe, %d requests, %.0f events/s",
            p.delivered(),
            p.notDelivered(),
            p.maybeDelivered(),
            p.requests(),
            p.delivered() / seconds));
  }
}
