package io.channels4j.spi.tck;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The TLS side of {@link FaultyServer}: a server handshake, and one that trickles and never ends.
 */
final class TlsFaults {
  private TlsFaults() {}

  /**
   * Wraps an accepted connection in a server-side TLS socket and completes the handshake.
   *
   * @param tls the server's context, holding its key and certificate
   * @param raw the accepted connection, closed with the TLS socket
   * @return the TLS socket
   * @throws IOException when the handshake fails
   */
  static Socket serverSide(SSLContext tls, Socket raw) throws IOException {
    SSLSocket ssl =
        (SSLSocket)
            tls.getSocketFactory().createSocket(raw, null, raw.getPort(), /* autoClose= */ true);
    ssl.setUseClientMode(false);
    ssl.startHandshake();
    return ssl;
  }

  /**
   * Starts a TLS handshake answer and never finishes it, one byte per {@code interval}.
   *
   * @param raw the accepted connection
   * @param interval the wait before each byte
   * @param limit how long to keep dripping at most
   * @throws IOException when the client is gone
   * @throws InterruptedException when the server is closing
   */
  static void dripHandshake(Socket raw, Duration interval, Duration limit)
      throws IOException, InterruptedException {
    // A handshake record header (type 22, TLS 1.2, 16384 bytes), then a ServerHello that never
    // ends.
    byte[] start = {22, 3, 3, 0x40, 0x00, 2, 0, 0x3f, (byte) 0xfc, 3, 3};
    OutputStream out = raw.getOutputStream();
    long end = System.nanoTime() + limit.toNanos();
    for (int i = 0; System.nanoTime() - end < 0; i++) {
      Thread.sleep(interval.toMillis());
      out.write(i < start.length ? start[i] : 0x42);
      out.flush();
    }
  }
}
