package io.channels4j.spi.tck;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback port to which connecting hangs: connections neither succeed nor are refused, so a
 * transport must end the attempt itself, at its connect timeout. (Compare {@link
 * FaultyServer#closedPort()}, which refuses connections at once.)
 *
 * <p>It fills the accept queue of a listening socket that never accepts; new connections then get
 * no answer to their SYN.
 */
public final class HangingConnectPort implements AutoCloseable {
  private final ServerSocket listener;
  private final List<Socket> fillers = new ArrayList<>();

  /**
   * Opens the listener and fills its backlog.
   *
   * @throws IOException when the socket cannot be opened
   */
  public HangingConnectPort() throws IOException {
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
    for (int i = 0; i < 16; i++) {
      Socket s = new Socket();
      try {
        s.connect(listener.getLocalSocketAddress(), 100);
        fillers.add(s);
      } catch (SocketTimeoutException e) {
        RequestReader.closeQuietly(s);
        return;
      } catch (SocketException e) {
        RequestReader.closeQuietly(s);
        throw e;
      }
    }
    close();
    throw new IOException("the listen backlog did not fill up after 16 connections");
  }

  /**
   * Returns the port.
   *
   * @return the port whose connections hang
   */
  public int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() {
    fillers.forEach(RequestReader::closeQuietly);
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
