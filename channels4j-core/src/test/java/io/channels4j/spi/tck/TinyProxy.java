package io.channels4j.spi.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real forward proxy for the proxy tests: Debian's {@code tinyproxy}, started in the foreground
 * on 127.0.0.1 with its own configuration (it also connects out from 127.0.0.1 only), stopped by
 * its pid.
 *
 * <p>The binary is taken from {@code /usr/bin/tinyproxy} when the package is installed; otherwise
 * the package {@code tinyproxy-bin} is fetched once with {@code apt-get download} and unpacked with
 * {@code dpkg-deb -x} under {@code target/tinyproxy} (no root needed). When neither works the test
 * fails, saying what is missing: proxy tests are never skipped.
 */
public final class TinyProxy implements AutoCloseable {
  private static final Path HOME = Path.of("target", "tinyproxy");
  private static final Duration START_LIMIT = Duration.ofSeconds(10);

  private final Process process;
  private final int port;
  private final Path dir;

  private TinyProxy(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /**
   * Starts a proxy.
   *
   * @param user the user name it requires (Basic), or null for none
   * @param password the password it requires, or null
   * @param connectPorts the ports it lets CONNECT tunnel to
   * @return the running proxy
   */
  public static TinyProxy start(String user, String password, int... connectPorts) {
    Path binary = binary();
    int port = FaultyServer.closedPort();
    try {
      Files.createDirectories(HOME);
      Path dir = Files.createTempDirectory(HOME.toAbsolutePath(), "run-");
      List<String> conf = new ArrayList<>();
      conf.add("Port " + port);
      conf.add("Listen 127.0.0.1");
      conf.add("Bind 127.0.0.1");
      conf.add("Allow 127.0.0.1");
      for (int p : connectPorts) {
        conf.add("ConnectPort " + p);
      }
      if (user != null) {
        conf.add("BasicAuth " + user + " " + password);
      }
      conf.add("LogFile \"" + dir.resolve("tinyproxy.log").toAbsolutePath() + "\"");
      conf.add("PidFile \"" + dir.resolve("tinyproxy.pid").toAbsolutePath() + "\"");
      conf.add("LogLevel Info");
      conf.add("DisableViaHeader Yes");
      conf.add("MaxClients 50");
      conf.add("Timeout 30");
      Path file = dir.resolve("tinyproxy.conf");
      Files.write(file, conf, StandardCharsets.UTF_8);
      Process p =
          new ProcessBuilder(binary.toString(), "-d", "-c", file.toAbsolutePath().toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("stdout.txt").toFile())
              .start();
      TinyProxy proxy = new TinyProxy(p, port, dir);
      if (!proxy.awaitListening()) {
        proxy.close();
        throw new AssertionError(
            "tinyproxy did not listen on 127.0.0.1:"
                + port
                + " within "
                + START_LIMIT
                + "; see "
                + dir);
      }
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start tinyproxy", e);
    }
  }

  /**
   * Returns the port.
   *
   * @return the port of 127.0.0.1 it listens on
   */
  public int port() {
    return port;
  }

  /**
   * Returns the address.
   *
   * @return 127.0.0.1 and the port
   */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * Returns its log so far.
   *
   * @return the log text, empty when there is none
   */
  public String log() {
    try {
      Path log = dir.resolve("tinyproxy.log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private boolean awaitListening() {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        return false;
      }
      try (Socket s = new Socket()) {
        s.connect(address(), 200);
        return true;
      } catch (IOException e) {
        sleep(50);
      }
    }
    return false;
  }

  /** Stops the proxy by its pid: SIGTERM, then SIGKILL after 5 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The tinyproxy binary: installed, unpacked earlier, or fetched now. */
  private static synchronized Path binary() {
    Path installed = Path.of("/usr/bin/tinyproxy");
    if (Files.isExecutable(installed)) {
      return installed;
    }
    Path unpacked = HOME.resolve("pkg/usr/bin/tinyproxy").toAbsolutePath();
    if (Files.isExecutable(unpacked)) {
      return unpacked;
    }
    StringBuilder why = new StringBuilder();
    try {
      Path work = Files.createDirectories(HOME.resolve("download")).toAbsolutePath();
      if (run(work, why, "apt-get", "download", "tinyproxy-bin")) {
        Path deb;
        try (Stream<Path> files = Files.list(work)) {
          deb =
              files
                  .filter(f -> f.getFileName().toString().startsWith("tinyproxy-bin_"))
                  .filter(f -> f.getFileName().toString().endsWith(".deb"))
                  .findFirst()
                  .orElse(null);
        }
        Path tmp = Files.createTempDirectory(HOME.toAbsolutePath(), "pkg-");
        if (deb != null && run(work, why, "dpkg-deb", "-x", deb.toString(), tmp.toString())) {
          Files.move(tmp, HOME.resolve("pkg").toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
          if (Files.isExecutable(unpacked)) {
            return unpacked;
          }
        }
      }
    } catch (IOException e) {
      why.append(e).append('\n');
    }
    throw new AssertionError(
        "the proxy tests need tinyproxy and it is missing: neither /usr/bin/tinyproxy (install"
            + " it with `apt-get install tinyproxy`) nor a copy unpacked under "
            + HOME.toAbsolutePath()
            + " could be found, and fetching the Debian package with `apt-get download"
            + " tinyproxy-bin` + `dpkg-deb -x` failed:\n"
            + why);
  }

  private static boolean run(Path dir, StringBuilder why, String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("output.txt").toFile())
              .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        why.append(String.join(" ", command)).append(": no end within 120 s\n");
        return false;
      }
      if (p.exitValue() != 0) {
        why.append(String.join(" ", command))
            .append(": exit ")
            .append(p.exitValue())
            .append(": ")
            .append(Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8))
            .append('\n');
        return false;
      }
      return true;
    } catch (IOException e) {
      why.append(String.join(" ", command)).append(": ").append(e.getMessage()).append('\n');
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why.append("interrupted\n");
      return false;
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
