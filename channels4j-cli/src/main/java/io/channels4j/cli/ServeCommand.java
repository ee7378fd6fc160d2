package io.channels4j.cli;

import io.channels4j.testkit.PusherTestServer;
import io.channels4j.testkit.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code channels4j serve}: the test server in the foreground. */
@Command(
    name = "serve",
    description = {
      "Run the test server in the foreground and print its credentials.",
      "A Pusher-compatible HTTP API on 127.0.0.1 that checks signatures and limits like the",
      "real service; prints one line per request (control characters escaped). Stop it with",
      "Ctrl-C."
    })
final class ServeCommand extends BaseCommand {
  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "The port on 127.0.0.1 (default: any free port).")
  int port;

  @Option(names = "--app-id", paramLabel = "ID", description = "The app id (default: 4242).")
  String appId = PusherTestServer.DEFAULT_APP_ID;

  @Option(names = "--key", paramLabel = "KEY", description = "The app key.")
  String key = PusherTestServer.DEFAULT_KEY;

  @Option(names = "--secret", paramLabel = "SECRET", description = "The app secret.")
  String secret = PusherTestServer.DEFAULT_SECRET;

  @Option(
      names = "--max-data-bytes",
      paramLabel = "BYTES",
      defaultValue = "10240",
      description = "The largest event data accepted (default: 10240, Pusher's limit).")
  int maxDataBytes;

  @Option(
      names = "--exit-after",
      paramLabel = "SECONDS",
      description = "Stop after this many seconds (default: run until interrupted).")
  Integer exitAfterSeconds;

  @Override
  public Integer call() throws InterruptedException {
    PusherTestServer server =
        PusherTestServer.builder()
            .port(port)
            .appId(appId)
            .key(key)
            .secret(secret)
            .maxEventDataBytes(maxDataBytes)
            .requestListener(this::log)
            .start();
    Thread hook = new Thread(server::close, "channels4j-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      if (json) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", server.url());
        out.put("host", "127.0.0.1");
        out.put("port", server.port());
        out.put("app_id", server.appId());
        out.put("key", server.key());
        out.put("secret", server.secret());
        printJson(out);
      } else {
        println("channels4j test server listening on " + server.baseUri());
        println("  app id: " + server.appId());
        println("  key:    " + server.key());
        println("  secret: " + server.secret());
        println("  PUSHER_URL=" + server.url());
        println(
            "Try: PUSHER_URL="
                + server.url()
                + " ./channels4j trigger my-channel -e hello -d '{\"hi\":1}'");
        if (exitAfterSeconds == null) {
          println("Press Ctrl-C to stop.");
        }
      }
      if (exitAfterSeconds == null) {
        Thread.sleep(Long.MAX_VALUE);
      } else {
        Thread.sleep(exitAfterSeconds * 1000L);
      }
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting and runs the hook itself
      }
    }
    if (!json) {
      println("stopped after " + server.requests().size() + " request(s)");
    }
    return Cli.OK;
  }

  private void log(RecordedRequest r) {
    String status = r.status().isPresent() ? Integer.toString(r.status().getAsInt()) : "dropped";
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("method", r.method());
      out.put("path", r.path());
      out.put("status", status);
      printJson(out);
    } else {
      // Method and path come from whoever connects: escaped, they cannot drive the terminal.
      println(Terminal.escape(r.method()) + " " + Terminal.escape(r.path()) + " -> " + status);
    }
  }
}
