package io.channels4j.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Fallback sink for smoke runs only, when nginx is not installed: a JDK {@code HttpServer} in a
 * child JVM (so its CPU is not counted as the client's), answering 200 {@code {}}. It is much
 * slower than nginx and is never the measurement sink.
 */
public final class JdkSink implements Sink {
  private final Process process;
  private final int port;

  private JdkSink(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the child JVM and waits for its port.
   *
   * @param maxLifetimeSeconds the child exits by itself after this long, whatever happens
   * @return the running sink
   * @throws IOException if it does not start
   */
  public static JdkSink start(long maxLifetimeSeconds) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-Xmx256m",
                // Without TCP_NODELAY the JDK server's separate header and body writes meet the
                // client's delayed ACK: about 40 ms per request.
                "-Dsun.net.httpserver.nodelay=true",
                "-cp",
                System.getProperty("java.class.path"),
                JdkSinkMain.class.getName(),
                Long.toString(maxLifetimeSeconds))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    if (line == null || !line.startsWith("port ")) {
      Processes.stop(process.toHandle(), 1_000);
      throw new IOException("JDK sink did not start: " + line);
    }
    return new JdkSink(process, Integer.parseInt(line.substring(5).trim()));
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String description() {
    return "JDK HttpServer in a child JVM (smoke-run fallback, NOT the measurement sink)";
  }

  @Override
  public boolean isMeasurementSink() {
    return false;
  }

  @Override
  public List<Long> pids() {
    return Processes.treePids(process.toHandle());
  }

  @Override
  public void close() {
    Processes.stop(process.toHandle(), 3_000);
  }
}
