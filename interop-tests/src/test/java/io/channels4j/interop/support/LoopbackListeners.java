package io.channels4j.interop.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks, on Linux, who owns the sockets on a set of ports, by reading {@code /proc/net/*} and
 * {@code /proc/PID/fd}.
 *
 * <p>Why: uWebSockets (soketi's server) binds with {@code SO_REUSEPORT}, so a second soketi can
 * listen on a port that another one already uses, and the kernel then splits the connections
 * between them; and when its bind fails, soketi still reports that it is up. Answers on {@code
 * /ready} alone therefore do not prove that the process we started owns the port. Elsewhere than
 * Linux the check is not available and {@link Soketi} relies on {@code /ready} alone.
 */
final class LoopbackListeners {

  private static final Path PROC_NET = Path.of("/proc/net");
  private static final String LOOPBACK_V4 = "0100007F";
  private static final String TCP_LISTEN = "0A";

  /** The outcome of a check. */
  enum State {
    /** Every port has a socket, each owned by the process and bound to 127.0.0.1. */
    OWNED,
    /** Some port has no socket yet. */
    NOT_YET,
    /** Another process has a socket on one of the ports. */
    CONFLICT,
    /** The process has a socket on one of the ports that is not bound to 127.0.0.1. */
    NOT_LOOPBACK
  }

  /**
   * What a check found.
   *
   * @param state the outcome
   * @param detail a sentence for error messages
   */
  record Report(State state, String detail) {}

  private record Entry(String address, int port, String state, long inode) {}

  private LoopbackListeners() {}

  /** Whether this system offers the files the check reads. */
  static boolean supported() {
    return Files.isReadable(PROC_NET.resolve("tcp")) && Files.isDirectory(Path.of("/proc/self/fd"));
  }

  /**
   * Checks the listening TCP sockets and the UDP sockets on the given ports.
   *
   * @param pid the process that should own them
   * @param tcpPorts ports that should each have exactly one listening TCP socket of the process
   * @param udpPorts ports that should each have exactly one UDP socket of the process
   * @return the outcome
   */
  static Report check(long pid, List<Integer> tcpPorts, List<Integer> udpPorts) {
    try {
      // Sockets first, then the process's descriptors: a socket the process opens in between is
      // then simply not seen yet, instead of being taken for someone else's.
      List<Entry> tcp = new ArrayList<>(read("tcp"));
      tcp.addAll(read("tcp6"));
      tcp.removeIf(e -> !TCP_LISTEN.equals(e.state()));
      List<Entry> udp = new ArrayList<>(read("udp"));
      udp.addAll(read("udp6"));
      Set<Long> owned = socketInodes(pid);
      Report worst = new Report(State.OWNED, "all ports owned by pid " + pid);
      for (int port : tcpPorts) {
        worst = worse(worst, judge("TCP", port, tcp, owned, pid));
      }
      for (int port : udpPorts) {
        worst = worse(worst, judge("UDP", port, udp, owned, pid));
      }
      return worst;
    } catch (IOException e) {
      // The process may have exited between the reads.
      return new Report(State.NOT_YET, "cannot read /proc: " + e);
    }
  }

  private static Report judge(
      String kind, int port, List<Entry> entries, Set<Long> owned, long pid) {
    List<Entry> onPort = entries.stream().filter(e -> e.port() == port).toList();
    if (onPort.isEmpty()) {
      return new Report(State.NOT_YET, "no " + kind + " socket on port " + port + " yet");
    }
    for (Entry entry : onPort) {
      if (!owned.contains(entry.inode())) {
        return new Report(
            State.CONFLICT,
            "another process has a " + kind + " socket on " + entry.address() + ":" + port);
      }
      if (!LOOPBACK_V4.equals(entry.address())) {
        return new Report(
            State.NOT_LOOPBACK,
            "pid "
                + pid
                + " has a "
                + kind
                + " socket on port "
                + port
                + " bound to "
                + entry.address()
                + " (hex), not 127.0.0.1");
      }
    }
    if (onPort.size() > 1) {
      return new Report(State.CONFLICT, onPort.size() + " " + kind + " sockets share port " + port);
    }
    return new Report(State.OWNED, kind + " port " + port + " owned by pid " + pid);
  }

  private static Report worse(Report a, Report b) {
    return b.state().ordinal() > a.state().ordinal() ? b : a;
  }

  private static List<Entry> read(String file) throws IOException {
    Path path = PROC_NET.resolve(file);
    if (!Files.isReadable(path)) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>();
    List<String> lines = Files.readAllLines(path);
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 10) {
        continue;
      }
      String[] local = fields[1].split(":");
      entries.add(
          new Entry(
              local[0].toUpperCase(Locale.ROOT),
              Integer.parseInt(local[1], 16),
              fields[3].toUpperCase(Locale.ROOT),
              Long.parseLong(fields[9])));
    }
    return entries;
  }

  private static Set<Long> socketInodes(long pid) throws IOException {
    Set<Long> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", pid + "", "fd"))) {
      for (Path fd : fds) {
        String target;
        try {
          target = Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
          continue; // closed while we were listing
        }
        if (target.startsWith("socket:[") && target.endsWith("]")) {
          inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
        }
      }
    }
    return inodes;
  }
}
