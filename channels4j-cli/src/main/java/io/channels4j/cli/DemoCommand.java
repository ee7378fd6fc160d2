package io.channels4j.cli;

import com.sun.net.httpserver.HttpServer;
import io.channels4j.BatchResult;
import io.channels4j.ChannelAttribute;
import io.channels4j.ChannelInfo;
import io.channels4j.Event;
import io.channels4j.PresenceUser;
import io.channels4j.Pusher;
import io.channels4j.PusherException;
import io.channels4j.auth.PresenceMember;
import io.channels4j.auth.UserData;
import io.channels4j.testkit.PusherTestServer;
import io.channels4j.testkit.RecordedTrigger;
import io.channels4j.testkit.WebhookDelivery;
import io.channels4j.testkit.WebhookEvents;
import io.channels4j.webhook.Webhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code channels4j demo}: the whole story, step by step, against the embedded test server (no
 * credentials) or a real one ({@code PUSHER_URL} or {@code --url}).
 */
@Command(
    name = "demo",
    description = {
      "Run the whole story, printing each step and its result.",
      "Trigger, batch, query channels and presence users, authorize a private and a presence",
      "channel, authenticate a user, receive and verify a webhook. With no credentials it",
      "starts the embedded test server; with PUSHER_URL (or --url) it runs against that server."
    })
final class DemoCommand extends BaseCommand {
  static final String CHANNEL = "my-channel";
  static final String PRESENCE = "presence-lobby";
  static final String SOCKET_ID = "1234.5678";

  /** Where the library logs a refused webhook, at INFO. */
  private static final String WEBHOOK_LOGGER = "io.channels4j.webhook";

  @Mixin ConnectionOptions connection;

  private interface Step {
    List<String> run() throws Exception;
  }

  private record Outcome(boolean ok, List<String> lines) {}

  private int number;
  private int passed;
  private int failed;

  @Override
  public Integer call() {
    PusherTestServer embedded = null;
    ConnectionOptions.Credentials credentials;
    Pusher pusher;
    String target;
    if (connection.given(io)) {
      credentials = connection.credentials(io);
      pusher = connection.client(io);
      target = "the server in " + (connection.url != null ? "--url" : credentialSource());
    } else {
      embedded = PusherTestServer.start();
      seed(embedded);
      credentials =
          new ConnectionOptions.Credentials(embedded.appId(), embedded.key(), embedded.secret());
      pusher = embedded.clientBuilder().build();
      target = "the embedded test server at " + embedded.baseUri();
    }
    PusherTestServer server = embedded;
    try {
      header(
          "channels4j demo against "
              + target
              + " (app "
              + credentials.appId()
              + ", key "
              + credentials.key()
              + ")");
      step("trigger", () -> trigger(pusher, server));
      step("batch", () -> batch(pusher, server));
      step("list channels", () -> channels(pusher));
      step("presence channel", () -> presence(pusher));
      step("presence users", () -> users(pusher));
      step(
          "authorize private",
          () -> List.of(pusher.authorizeChannel(SOCKET_ID, "private-chat").toJson()));
      step(
          "authorize presence",
          () ->
              List.of(
                  pusher
                      .authorizeChannel(
                          SOCKET_ID, PRESENCE, PresenceMember.of("alice", Map.of("name", "Alice")))
                      .toJson()));
      step(
          "authenticate user",
          () ->
              List.of(
                  pusher
                      .authenticateUser(
                          SOCKET_ID, UserData.of("alice").withUserInfo(Map.of("name", "Alice")))
                      .toJson()));
      step("webhook", () -> webhook(pusher, credentials, server));
    } finally {
      pusher.close();
      if (embedded != null) {
        embedded.close();
      }
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("passed", passed);
      out.put("failed", failed);
      printJson(out);
    } else {
      println("");
      println(
          failed == 0
              ? "all " + passed + " steps passed"
              : failed + " of " + (passed + failed) + " steps failed");
    }
    return failed == 0 ? Cli.OK : Cli.FAILED;
  }

  private String credentialSource() {
    return connection.appId != null ? "--app-id/--key/--secret" : "PUSHER_URL";
  }

  /** Gives the embedded server's queries something to answer. */
  private static void seed(PusherTestServer server) {
    server.occupy(CHANNEL, 2);
    server.addPresenceMember(PRESENCE, "alice");
    server.addPresenceMember(PRESENCE, "bob");
  }

  private static List<String> trigger(Pusher pusher, PusherTestServer server) {
    Map<String, Object> data = Map.of("message", "hello world");
    pusher.trigger(CHANNEL, "greeting", data);
    List<String> lines = new ArrayList<>();
    lines.add("sent \"greeting\" to " + CHANNEL + " with {\"message\":\"hello world\"}");
    if (server != null) {
      RecordedTrigger t = server.takeTrigger();
      lines.add("the server received " + t.name() + " on " + t.channel() + ": " + t.data());
    }
    return lines;
  }

  private static List<String> batch(Pusher pusher, PusherTestServer server) {
    List<Event> events =
        List.of(
            Event.of(CHANNEL, "tick", Map.of("n", 1)).withInfo(ChannelAttribute.SUBSCRIPTION_COUNT),
            Event.of(CHANNEL, "tick", Map.of("n", 2)),
            Event.of(PRESENCE, "news", "plain text, sent as is"));
    BatchResult result = pusher.triggerBatch(events);
    List<String> lines = new ArrayList<>();
    lines.add("sent " + events.size() + " events in one request");
    result
        .event(0)
        .subscriptionCount()
        .ifPresent(n -> lines.add(CHANNEL + " has " + n + " subscriptions"));
    if (server != null) {
      List<RecordedTrigger> all = server.triggers();
      lines.add(
          "the server received: "
              + all.subList(1, all.size()).stream()
                  .map(t -> t.name() + " " + t.data())
                  .collect(Collectors.joining(" | ")));
    }
    return lines;
  }

  private static List<String> channels(Pusher pusher) {
    Map<String, ?> channels = pusher.channels().channels();
    if (channels.isEmpty()) {
      return List.of("no occupied channels right now");
    }
    return List.of(
        channels.size()
            + " occupied: "
            + channels.keySet().stream().sorted().collect(Collectors.joining(", ")));
  }

  private static List<String> presence(Pusher pusher) {
    ChannelInfo info =
        pusher.channel(PRESENCE, ChannelAttribute.USER_COUNT, ChannelAttribute.SUBSCRIPTION_COUNT);
    return List.of(
        PRESENCE
            + ": "
            + (info.occupied() ? "occupied" : "not occupied")
            + ", "
            + info.userCount().orElse(0)
            + " users, "
            + info.subscriptionCount().orElse(0)
            + " subscriptions");
  }

  private static List<String> users(Pusher pusher) {
    List<PresenceUser> users = pusher.users(PRESENCE);
    return List.of(
        users.isEmpty()
            ? "nobody on " + PRESENCE
            : PRESENCE
                + ": "
                + users.stream().map(PresenceUser::id).collect(Collectors.joining(", ")));
  }

  private record Received(int status, String outcome) {}

  /**
   * Starts a tiny "app" on 127.0.0.1 whose webhook endpoint verifies with {@code
   * pusher.verifyWebhook}, then has a test server send it a genuine and a tampered webhook. A
   * remote server cannot reach this machine, so against one the local test server signs with the
   * same credentials, as the service would.
   */
  private static List<String> webhook(
      Pusher pusher, ConnectionOptions.Credentials credentials, PusherTestServer embedded)
      throws IOException, InterruptedException {
    BlockingQueue<Received> received = new ArrayBlockingQueue<>(4);
    BlockingQueue<Webhook> verified = new ArrayBlockingQueue<>(4);
    HttpServer app =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext(
        "/pusher/webhook",
        exchange -> {
          int status;
          String outcome;
          try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            verified.add(pusher.verifyWebhook(exchange.getRequestHeaders(), body));
            status = 200;
            outcome = "verified";
          } catch (PusherException e) {
            status = 401;
            outcome = e.getMessage();
          }
          received.add(new Received(status, outcome));
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    app.start();
    PusherTestServer sender =
        embedded != null
            ? embedded
            : PusherTestServer.builder()
                .appId(credentials.appId())
                .key(credentials.key())
                .secret(credentials.secret())
                .start();
    try {
      URI hook = URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/pusher/webhook");
      WebhookDelivery genuine =
          sender.sendWebhook(
              hook,
              List.of(
                  WebhookEvents.channelOccupied(CHANNEL),
                  WebhookEvents.memberAdded(PRESENCE, "alice")));
      Webhook webhook = verified.poll(10, TimeUnit.SECONDS);
      if (!genuine.accepted() || webhook == null) {
        Received r = received.poll(1, TimeUnit.SECONDS);
        throw new IllegalStateException(
            "the app refused a genuine webhook: " + (r == null ? "no answer" : r.outcome()));
      }
      received.poll(1, TimeUnit.SECONDS);
      List<String> lines = new ArrayList<>();
      lines.add(
          "the app at "
              + hook
              + " verified "
              + webhook.events().size()
              + " events: "
              + webhook.events().stream()
                  .map(WebhookVerifyCommand::describe)
                  .collect(Collectors.joining(", ")));
      byte[] tampered =
          genuine.bodyText().replace("alice", "mallory").getBytes(StandardCharsets.UTF_8);
      WebhookDelivery forged;
      Received r;
      // The refusal is what this step shows, as its result; the library's INFO line about it
      // (logger io.channels4j.webhook, docs/logging.md) would repeat it on stderr. Held back for
      // this delivery only: a refusal in a real command is still logged.
      Logger refusals = Logger.getLogger(WEBHOOK_LOGGER);
      Level before = refusals.getLevel();
      refusals.setLevel(Level.WARNING);
      try {
        forged = sender.sendRawWebhook(hook, tampered, genuine.key(), genuine.signature());
        // The app checks (and the library logs) before it answers: done once this returns.
        r = received.poll(10, TimeUnit.SECONDS);
      } finally {
        refusals.setLevel(before);
      }
      if (forged.accepted() || r == null) {
        throw new IllegalStateException("the app accepted a tampered webhook");
      }
      lines.add("a tampered copy was refused with " + forged.status() + ": " + r.outcome());
      return lines;
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("the webhook could not be delivered: " + e.getMessage(), e);
    } finally {
      if (sender != embedded) {
        sender.close();
      }
      app.stop(0);
    }
  }

  private void header(String line) {
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("demo", line);
      printJson(out);
    } else {
      println(line);
      println("");
    }
  }

  private void step(String name, Step step) {
    number++;
    Outcome outcome;
    try {
      outcome = new Outcome(true, step.run());
      passed++;
    } catch (Exception e) {
      outcome = new Outcome(false, List.of(Cli.oneLine(e.getMessage())));
      failed++;
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("step", number);
      out.put("name", name);
      out.put("ok", outcome.ok());
      out.put("result", outcome.lines());
      printJson(out);
      return;
    }
    String label = String.format("%2d. %-19s", number, name);
    println((outcome.ok() ? "ok    " : "FAIL  ") + label + outcome.lines().get(0));
    for (String more : outcome.lines().subList(1, outcome.lines().size())) {
      println(" ".repeat(6 + label.length()) + more);
    }
  }
}
