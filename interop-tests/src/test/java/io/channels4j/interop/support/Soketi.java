package io.channels4j.interop.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real soketi (a Pusher-protocol server), started for a test and stopped by its pid.
 *
 * <p>It listens on 127.0.0.1 only: soketi's defaults listen on every interface and broadcast UDP
 * discovery packets to the whole network, so this class always writes a full config file that binds
 * the HTTP/WebSocket port, the metrics port and the UDP cluster port to 127.0.0.1 (cluster
 * discovery unicasts to 127.0.0.1), and checks that file before soketi reads it (soketi silently
 * falls back to its defaults when the file does not parse). It runs in a fresh folder without a
 * {@code .env} file (soketi loads {@code ./.env}), with every {@code SOKETI_*} and proxy variable
 * removed from its environment.
 *
 * <p>Typical use:
 *
 * <pre>{@code
 * try (AppServer app = AppServer.start();
 *     Soketi soketi = Soketi.start(SoketiConfig.builder().webhook(app.webhookUri()).build())) {
 *   // soketi.port(), soketi.key(), ...
 * }
 * }</pre>
 */
public final class Soketi implements AutoCloseable {

  /** The only address soketi listens on and is reached at. */
  public static final String HOST = "127.0.0.1";

  private static final int MAX_START_ATTEMPTS = 3;
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  private final NodeModules modules;
  private final SoketiConfig config;
  private final Path workDir;
  private final Path configFile;
  private final Path logFile;
  private final FreePorts.SoketiPorts ports;
  private Process process;

  private Soketi(
      NodeModules modules,
      SoketiConfig config,
      Path workDir,
      FreePorts.SoketiPorts ports,
      Path configFile,
      Path logFile) {
    this.modules = modules;
    this.config = config;
    this.workDir = workDir;
    this.ports = ports;
    this.configFile = configFile;
    this.logFile = logFile;
  }

  /**
   * Starts a soketi with the {@linkplain SoketiConfig#defaults() default} app and no webhook.
   *
   * @return the running soketi, answering {@code GET /ready}
   */
  public static Soketi start() {
    return start(SoketiConfig.defaults());
  }

  /**
   * Starts a soketi with the given configuration, using {@link NodeModules#locate()}.
   *
   * @param config the app and settings
   * @return the running soketi, answering {@code GET /ready}
   */
  public static Soketi start(SoketiConfig config) {
    return start(NodeModules.locate(), config);
  }

  /**
   * Starts a soketi on free loopback ports and waits (bounded by {@link
   * SoketiConfig#readyTimeout()}) until it answers {@code GET /ready} with {@code OK} and owns its
   * ports. A start that loses a port to another process is retried on new ports, a few times.
   *
   * @param modules where node and soketi are installed
   * @param config the app and settings
   * @return the running soketi
   * @throws IllegalStateException if it does not come up; the message holds its log's tail
   */
  public static Soketi start(NodeModules modules, SoketiConfig config) {
    List<String> failures = new ArrayList<>();
    for (int attempt = 1; attempt <= MAX_START_ATTEMPTS; attempt++) {
      Path workDir = modules.newWorkDir("soketi");
      FreePorts.SoketiPorts ports = FreePorts.forSoketi();
      Path configFile = workDir.resolve("soketi.json");
      Path logFile = workDir.resolve("soketi.log");
      writeConfig(config, ports, configFile);
      Soketi soketi = new Soketi(modules, config, workDir, ports, configFile, logFile);
      try {
        soketi.launchAndAwaitReady();
        return soketi;
      } catch (PortLostException e) {
        soketi.close();
        failures.add("attempt " + attempt + ": " + e.getMessage());
      } catch (RuntimeException | Error e) {
        soketi.close();
        throw e;
      }
    }
    throw new IllegalStateException(
        "soketi did not start in " + MAX_START_ATTEMPTS + " attempts: " + failures);
  }

  /** Writes the loopback-only config file, then reads it back and checks it. */
  private static void writeConfig(SoketiConfig config, FreePorts.SoketiPorts ports, Path file) {
    ObjectNode json = Json.object();
    json.put("debug", config.debug());
    json.put("host", HOST);
    json.put("port", ports.http());
    json.put("metrics.enabled", false);
    json.put("metrics.host", HOST);
    json.put("metrics.port", ports.metrics());
    json.put("cluster.hostname", HOST);
    json.put("cluster.address", HOST);
    json.put("cluster.unicast", HOST);
    json.put("cluster.port", ports.cluster());
    // A clash on the UDP port then fails the start instead of joining another soketi's cluster.
    json.put("cluster.reuseAddr", false);
    json.put("shutdownGracePeriod", 300);
    json.put("userAuthenticationTimeout", config.userAuthenticationTimeout().toMillis());
    boolean batching = !config.webhookBatching().isZero();
    json.put("webhooks.batching.enabled", batching);
    json.put("webhooks.batching.duration", Math.max(1, config.webhookBatching().toMillis()));
    for (Map.Entry<String, Object> option : config.serverOptions().entrySet()) {
      json.set(option.getKey(), Json.tree(option.getValue()));
    }
    ObjectNode app = Json.object();
    app.put("id", config.appId());
    app.put("key", config.key());
    app.put("secret", config.secret());
    app.put("enabled", true);
    app.put("enableClientMessages", true);
    app.put("enableUserAuthentication", true);
    app.put("maxConnections", -1);
    app.put("maxBackendEventsPerSecond", -1);
    app.put("maxClientEventsPerSecond", -1);
    app.put("maxReadRequestsPerSecond", -1);
    ArrayNode webhooks = app.putArray("webhooks");
    if (config.webhookUrl() != null) {
      ObjectNode webhook = webhooks.addObject();
      webhook.put("url", config.webhookUrl().toString());
      ArrayNode types = webhook.putArray("event_types");
      config.webhookEvents().forEach(types::add);
    }
    for (Map.Entry<String, Object> option : config.appOptions().entrySet()) {
      app.set(option.getKey(), Json.tree(option.getValue()));
    }
    json.putArray("appManager.array.apps").add(app);
    try {
      Files.writeString(file, Json.write(json), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    JsonNode written = Json.read(file);
    for (String key : List.of("host", "metrics.host", "cluster.address", "cluster.unicast")) {
      if (!HOST.equals(written.path(key).asText())) {
        throw new IllegalStateException(file + ": " + key + " is not " + HOST + ", not starting");
      }
    }
  }

  private void launchAndAwaitReady() {
    launch();
    awaitReady();
  }

  private void launch() {
    // The watchdog (preloaded) stops soketi when our end of its stdin closes, e.g. if the JVM dies.
    ProcessBuilder builder =
        modules.nodeCommand(
            List.of(
                "--require",
                modules.script("stdin-watchdog.cjs").toString(),
                modules.soketiServer().toString(),
                "start",
                "--config=" + configFile));
    builder.environment().keySet().removeIf(name -> name.startsWith("SOKETI_"));
    builder.directory(workDir.toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    if (Files.exists(workDir.resolve(".env"))) {
      throw new IllegalStateException(workDir + " has a .env file that soketi would load");
    }
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start soketi: " + builder.command(), e);
    }
    ProcessStopper.register(process);
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + config.readyTimeout().toNanos();
    boolean checkOwnership = LoopbackListeners.supported();
    String last = "not polled yet";
    int conflicts = 0;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        // soketi exits silently (with 0) when a port clash makes its start fail.
        throw new PortLostException(
            "soketi exited with "
                + process.exitValue()
                + " before it was ready (it exits so, "
                + "without a log line, after a port clash); "
                + logFile
                + " ends:\n"
                + logTail(40));
      }
      if (checkOwnership) {
        LoopbackListeners.Report report =
            LoopbackListeners.check(
                process.pid(), List.of(ports.http(), ports.metrics()), List.of(ports.cluster()));
        // A socket closing during the reads looks like a conflict once; a real one persists.
        conflicts = report.state() == LoopbackListeners.State.CONFLICT ? conflicts + 1 : 0;
        switch (report.state()) {
          case CONFLICT -> {
            if (conflicts >= 3) {
              throw new PortLostException(report.detail());
            }
            last = report.detail();
          }
          case NOT_LOOPBACK ->
              throw new IllegalStateException(
                  "soketi is not loopback-only: " + report.detail() + "; stopped it");
          case NOT_YET -> last = report.detail();
          case OWNED -> last = "ports owned, /ready not OK yet";
        }
        if (report.state() == LoopbackListeners.State.OWNED && isReady()) {
          return;
        }
      } else if (isReady()) {
        return;
      }
      sleep(POLL);
    }
    throw new IllegalStateException(
        "soketi did not become ready on "
            + baseUri()
            + " within "
            + config.readyTimeout()
            + " ("
            + last
            + "); "
            + logFile
            + " ends:\n"
            + logTail(40));
  }

  /**
   * Asks {@code GET /ready} once.
   *
   * @return whether soketi answered {@code OK}
   */
  public boolean isReady() {
    HttpRequest request =
        HttpRequest.newBuilder(baseUri().resolve("/ready"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && "OK".equals(response.body().trim());
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stops soketi (if it still runs) and starts it again on the same ports, with the same config,
   * appending to the same log; for fault tests. Connected clients see their connection drop;
   * pusher-js reconnects on its own only after its timers (10-15 s), so a test usually sends the
   * clients a {@code reconnect} command after this.
   *
   * @throws IllegalStateException if it does not come back
   */
  public synchronized void restart() {
    stop();
    launch();
    try {
      awaitReady();
    } catch (PortLostException e) {
      stop();
      throw new IllegalStateException(
          "soketi did not come back on its ports: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      stop();
      throw e;
    }
  }

  /**
   * Stops soketi by its pid (SIGTERM, then SIGKILL after a grace period); a later {@link
   * #restart()} starts it again.
   */
  public synchronized void stop() {
    if (process != null) {
      ProcessStopper.stop(process, STOP_GRACE);
    }
  }

  /**
   * Kills soketi by its pid at once (SIGKILL), without its graceful shutdown: clients see the
   * connection drop (code 1006) instead of soketi's 4200 close; a later {@link #restart()} starts
   * it again.
   */
  public synchronized void crash() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      ProcessStopper.stop(process, STOP_GRACE);
    }
  }

  /** Stops soketi by its pid; its work folder with config and log is kept for inspection. */
  @Override
  public void close() {
    stop();
  }

  /**
   * Whether the soketi process is running.
   *
   * @return true while it runs
   */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * The pid of the current soketi process.
   *
   * @return the pid
   */
  public synchronized long pid() {
    return process.pid();
  }

  /**
   * The host to reach soketi at.
   *
   * @return always {@value #HOST}
   */
  public String host() {
    return HOST;
  }

  /**
   * The port of the HTTP API and of the WebSocket endpoint.
   *
   * @return the port
   */
  public int port() {
    return ports.http();
  }

  /**
   * The port of soketi's metrics server (bound even though metrics are disabled).
   *
   * @return the port
   */
  public int metricsPort() {
    return ports.metrics();
  }

  /**
   * The UDP port of soketi's cluster discovery.
   *
   * @return the port
   */
  public int clusterPort() {
    return ports.cluster();
  }

  /**
   * The base URI of the HTTP API.
   *
   * @return {@code http://127.0.0.1:PORT}
   */
  public URI baseUri() {
    return URI.create("http://" + HOST + ":" + ports.http());
  }

  /**
   * The app id.
   *
   * @return the app id
   */
  public String appId() {
    return config.appId();
  }

  /**
   * The app key.
   *
   * @return the app key
   */
  public String key() {
    return config.key();
  }

  /**
   * The app secret.
   *
   * @return the app secret
   */
  public String secret() {
    return config.secret();
  }

  /**
   * The configuration it was started with.
   *
   * @return the configuration
   */
  public SoketiConfig config() {
    return config;
  }

  /**
   * The config file soketi reads.
   *
   * @return its path
   */
  public Path configFile() {
    return configFile;
  }

  /**
   * The file that receives soketi's stdout and stderr.
   *
   * @return its path
   */
  public Path logFile() {
    return logFile;
  }

  /**
   * The last lines of soketi's log.
   *
   * @param lines how many lines at most
   * @return the lines joined with line feeds
   */
  public String logTail(int lines) {
    return LogTail.of(logFile, lines);
  }

  @Override
  public String toString() {
    return "Soketi[" + baseUri() + ", app " + config.appId() + ", log " + logFile + "]";
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for soketi", e);
    }
  }

  /** A start that lost one of its ports to another process; worth retrying on new ports. */
  private static final class PortLostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PortLostException(String message) {
      super(message);
    }
  }
}
