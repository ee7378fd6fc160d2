package io.channels4j.interop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/** Picks free loopback ports by letting the kernel choose, then releasing them. */
final class FreePorts {

  /**
   * Ports for one soketi, all different.
   *
   * @param http the HTTP API and WebSocket port
   * @param metrics the metrics port (soketi binds it even with metrics disabled)
   * @param cluster the UDP port of soketi's cluster discovery
   */
  record SoketiPorts(int http, int metrics, int cluster) {}

  private static final int MAX_TRIES = 20;

  private FreePorts() {}

  /**
   * Picks three different free ports: two TCP, one UDP.
   *
   * @return the ports
   */
  static SoketiPorts forSoketi() {
    // All sockets stay open until the end, so the kernel cannot hand out one port twice.
    try (ServerSocket http = bindTcp(loopbackV4());
        ServerSocket metrics = bindTcp(loopbackV4())) {
      Set<Integer> taken = new HashSet<>(Set.of(http.getLocalPort(), metrics.getLocalPort()));
      for (int i = 0; i < MAX_TRIES; i++) {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopbackV4(), 0))) {
          if (!taken.contains(udp.getLocalPort())) {
            return new SoketiPorts(http.getLocalPort(), metrics.getLocalPort(), udp.getLocalPort());
          }
        }
      }
      throw new IllegalStateException("No free UDP port found in " + MAX_TRIES + " tries");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot pick free loopback ports", e);
    }
  }

  /** 127.0.0.1 itself: getLoopbackAddress() may answer ::1 when IPv6 is preferred. */
  private static InetAddress loopbackV4() throws IOException {
    return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
  }

  private static ServerSocket bindTcp(InetAddress address) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(address, 0));
    return socket;
  }
}
