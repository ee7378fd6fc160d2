package io.channels4j.cli;

import io.channels4j.Pusher;
import io.channels4j.webhook.ClientEvent;
import io.channels4j.webhook.InvalidWebhookException;
import io.channels4j.webhook.MemberAdded;
import io.channels4j.webhook.MemberRemoved;
import io.channels4j.webhook.SubscriptionCount;
import io.channels4j.webhook.Webhook;
import io.channels4j.webhook.WebhookEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code channels4j webhook verify}: checks a captured webhook against the app's secret. */
@Command(
    name = "verify",
    description = {
      "Check that a captured webhook is genuine and show its events.",
      "Give the body (a file, or - for stdin) with --signature, or a whole captured",
      "HTTP request (headers, a blank line, the body) with --request.",
      "Events on private-encrypted- channels are decrypted with the master key",
      "(--encryption-master-key-file or $" + EncryptionOptions.ENV + ")."
    },
    footer = {
      "",
      "Example: channels4j webhook verify --signature 2677ad3e... body.json",
      "         channels4j webhook verify --request captured.http"
    })
final class WebhookVerifyCommand extends BaseCommand {
  @Mixin ConnectionOptions connection;

  @Mixin EncryptionOptions encryption;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "BODY_FILE",
      description = "The exact body bytes; - reads stdin.")
  String bodyFile;

  @Option(names = "--signature", paramLabel = "HEX", description = "The X-Pusher-Signature header.")
  String signature;

  @Option(
      names = "--webhook-key",
      paramLabel = "KEY",
      description = "The X-Pusher-Key header (default: the app key).")
  String webhookKey;

  @Option(
      names = "--request",
      paramLabel = "FILE",
      description = "A captured HTTP request: headers, a blank line, the body.")
  String requestFile;

  @Option(
      names = "--max-age",
      paramLabel = "SECONDS",
      description = "Also refuse a webhook whose time_ms is older than this.")
  Integer maxAgeSeconds;

  @Override
  public Integer call() {
    if ((requestFile == null) == (signature == null)) {
      throw new CliException(
          Cli.USAGE, "give either --signature with a body, or --request with a captured request");
    }
    Pusher.Builder builder = connection.builder(io);
    encryption.configure(builder, io);
    if (maxAgeSeconds != null) {
      builder.webhookMaxAge(Duration.ofSeconds(maxAgeSeconds));
    }
    Webhook webhook;
    try (Pusher pusher = builder.build()) {
      if (requestFile != null) {
        byte[] raw = read(requestFile);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        byte[] body = splitRequest(raw, headers);
        webhook = verify(() -> pusher.verifyWebhook(headers, body));
      } else {
        byte[] body = read(bodyFile == null ? "-" : bodyFile);
        String key = webhookKey != null ? webhookKey : connection.credentials(io).key();
        webhook = verify(() -> pusher.verifyWebhook(key, signature, body));
      }
    }
    if (webhook == null) {
      return Cli.FAILED;
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("valid", true);
      out.put("time_ms", webhook.time().toEpochMilli());
      List<Map<String, Object>> events = new ArrayList<>();
      webhook.events().forEach(e -> events.add(fields(e)));
      out.put("events", events);
      printJson(out);
    } else {
      println(
          "valid webhook from "
              + webhook.time()
              + " with "
              + webhook.events().size()
              + " event(s):");
      webhook.events().forEach(e -> println("  " + describe(e)));
    }
    return Cli.OK;
  }

  private interface Check {
    Webhook run();
  }

  /** Returns the webhook, or null after reporting why it is invalid. */
  private Webhook verify(Check check) {
    try {
      return check.run();
    } catch (InvalidWebhookException e) {
      if (!json) {
        if (e.reason() == InvalidWebhookException.Reason.UNDECRYPTABLE && !encryption.given(io)) {
          // The library's message speaks of builders; say which option to give.
          throw new CliException(
              Cli.FAILED,
              "invalid webhook: an event on a private-encrypted- channel carries encrypted data: "
                  + EncryptionOptions.hint());
        }
        throw e;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("valid", false);
      out.put("reason", e.reason().name());
      out.put("error", e.getMessage());
      printJson(out);
      return null;
    }
  }

  /**
   * One line per event: its name, channel and the fields that matter, control characters escaped (a
   * client event's data comes from any browser).
   */
  static String describe(WebhookEvent e) {
    StringBuilder sb = new StringBuilder(e.name()).append(' ').append(e.channel());
    fields(e)
        .forEach(
            (k, v) -> {
              if (!k.equals("name") && !k.equals("channel")) {
                sb.append(' ').append(k).append('=').append(v);
              }
            });
    return Terminal.escape(sb.toString());
  }

  static Map<String, Object> fields(WebhookEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", e.name());
    m.put("channel", e.channel());
    if (e instanceof MemberAdded a) {
      m.put("user_id", a.userId());
    } else if (e instanceof MemberRemoved r) {
      m.put("user_id", r.userId());
    } else if (e instanceof ClientEvent c) {
      m.put("event", c.event());
      m.put("data", c.data());
      c.socketId().ifPresent(s -> m.put("socket_id", s));
      c.userId().ifPresent(u -> m.put("user_id", u));
    } else if (e instanceof SubscriptionCount s) {
      m.put("subscription_count", s.subscriptionCount());
    }
    // ChannelOccupied, ChannelVacated, CacheMiss, UnknownEvent: name and channel say it all.
    return m;
  }

  private byte[] read(String file) {
    try {
      return file.equals("-")
          ? io.readStdin("the webhook body")
          : Files.readAllBytes(Path.of(file));
    } catch (NoSuchFileException e) {
      throw new CliException(Cli.USAGE, "no such file: " + e.getFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Splits a captured request into headers and body: lines up to the first blank line are headers
   * (a request line like {@code POST /hook HTTP/1.1} is skipped), the rest is the body.
   */
  static byte[] splitRequest(byte[] raw, Map<String, List<String>> headers) {
    int bodyStart = -1;
    int lineStart = 0;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\n') {
        int end = i > lineStart && raw[i - 1] == '\r' ? i - 1 : i;
        String line = new String(raw, lineStart, end - lineStart, StandardCharsets.UTF_8);
        lineStart = i + 1;
        if (line.isEmpty()) {
          bodyStart = i + 1;
          break;
        }
        int colon = line.indexOf(':');
        if (colon > 0 && !line.substring(0, colon).contains(" ")) {
          headers
              .computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
              .add(line.substring(colon + 1).strip());
        }
      }
    }
    if (bodyStart < 0) {
      throw new CliException(
          Cli.USAGE, "the captured request has no blank line between headers and body");
    }
    return Arrays.copyOfRange(raw, bodyStart, raw.length);
  }
}
