package io.channels4j.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * nginx from Debian as the measurement sink: {@code return 200 '{}'} on 127.0.0.1, keep-alive, no
 * access log, its config, pid and logs in a temporary directory, run in the foreground ({@code
 * daemon off}) as a child process and stopped by its pid.
 *
 * <p>One worker by default: on a 2-core machine that leaves the other core to the client, and one
 * nginx worker answers far more requests per second than any Java client here sends.
 */
public final class NginxSink implements Sink {
  /** Where Debian's package installs nginx. */
  public static final Path DEFAULT_BINARY = Path.of("/usr/sbin/nginx");

  private final Process process;
  private final Path dir;
  private final int port;
  private final int workers;
  private final String version;

  private NginxSink(Process process, Path dir, int port, int workers, String version) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.workers = workers;
    this.version = version;
  }

  /**
   * Starts nginx on a free loopback port.
   *
   * @param binary the nginx executable
   * @param workers number of worker processes (1 or 2)
   * @return the running sink
   * @throws IOException if nginx is missing or does not start
   * @throws InterruptedException if interrupted while waiting for it
   */
  public static NginxSink start(Path binary, int workers) throws IOException, InterruptedException {
    if (!Files.isExecutable(binary)) {
      throw new IOException(
          "nginx not found at "
              + binary
              + ". The load benchmark measures against nginx: install it with"
              + " `apt-get install nginx` (Debian), or pass --sink jdk for a smoke run only"
              + " (a JDK HttpServer, not a measurement sink).");
    }
    String version = version(binary);
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      Path dir = Files.createTempDirectory("bench-nginx-");
      int port = Processes.freeLoopbackPort();
      Files.writeString(dir.resolve("nginx.conf"), config(dir, port, workers));
      Process process =
          new ProcessBuilder(
                  binary.toString(),
                  "-p",
                  dir.toString(),
                  "-e",
                  dir.resolve("error.log").toString(),
                  "-c",
                  dir.resolve("nginx.conf").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.log").toFile())
              .start();
      if (Processes.awaitListening(process, port, 5_000)) {
        return new NginxSink(process, dir, port, workers, version);
      }
      Processes.stop(process.toHandle(), 2_000);
      last = new IOException("nginx did not start on port " + port + ": " + log(dir));
      deleteTree(dir);
    }
    throw last;
  }

  /**
   * The nginx configuration used, for the report and for reproducing by hand.
   *
   * @param dir directory for pid, logs and temp files
   * @param port loopback port
   * @param workers worker processes
   * @return nginx.conf text
   */
  public static String config(Path dir, int port, int workers) {
    return """
        # Written by the channels4j benchmark; loopback only.
        daemon off;
        master_process on;
        worker_processes %d;
        pid %s/nginx.pid;
        error_log %s/error.log warn;
        events {
          worker_connections 1024;
        }
        http {
          access_log off;
          client_body_temp_path %s/client_body;
          proxy_temp_path %s/proxy;
          fastcgi_temp_path %s/fastcgi;
          uwsgi_temp_path %s/uwsgi;
          scgi_temp_path %s/scgi;
          keepalive_requests 100000000;
          keepalive_timeout 300s;
          server_tokens off;
          server {
            listen 127.0.0.1:%d backlog=1024;
            location / {
              default_type application/json;
              return 200 '{}';
            }
          }
        }
        """
        .formatted(workers, dir, dir, dir, dir, dir, dir, dir, port);
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String description() {
    return version + ", worker_processes " + workers + ", return 200 '{}', keep-alive, loopback";
  }

  @Override
  public boolean isMeasurementSink() {
    return true;
  }

  @Override
  public List<Long> pids() {
    return Processes.treePids(process.toHandle());
  }

  @Override
  public void close() {
    Processes.stop(process.toHandle(), 5_000);
    deleteTree(dir);
  }

  private static String version(Path binary) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(binary.toString(), "-v").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    p.waitFor();
    return out.replace("nginx version: ", "");
  }

  private static String log(Path dir) {
    try {
      return Files.readString(dir.resolve("error.log"))
          + Files.readString(dir.resolve("stdout.log"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort: a leftover temp directory is harmless.
    }
  }
}
