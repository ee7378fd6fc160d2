package io.channels4j.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Small helpers for the sink processes: free ports, readiness, stopping by pid. */
final class Processes {
  private Processes() {}

  /** A port that was free on 127.0.0.1 a moment ago. */
  static int freeLoopbackPort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", 0));
      return s.getLocalPort();
    }
  }

  /** Waits until something accepts connections on 127.0.0.1:port, or the process dies. */
  static boolean awaitListening(Process process, int port, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (System.nanoTime() < deadline && process.isAlive()) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return true;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    return false;
  }

  /** The process and its live descendants, by pid. */
  static List<Long> treePids(ProcessHandle root) {
    List<Long> pids = new ArrayList<>();
    if (root.isAlive()) {
      pids.add(root.pid());
    }
    root.descendants().forEach(h -> pids.add(h.pid()));
    return pids;
  }

  /** Asks a process (by its handle, i.e. its pid) to stop, then forces it and its descendants. */
  static void stop(ProcessHandle root, long graceMillis) {
    List<ProcessHandle> descendants = root.descendants().toList();
    root.destroy();
    try {
      root.onExit().get(graceMillis, TimeUnit.MILLISECONDS);
    } catch (Exception stillRunning) {
      root.destroyForcibly();
    }
    for (ProcessHandle h : descendants) {
      if (h.isAlive()) {
        h.destroyForcibly();
      }
    }
  }
}
