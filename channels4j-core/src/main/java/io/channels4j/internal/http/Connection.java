package io.channels4j.internal.http;

import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import javax.net.ssl.SSLSocket;

/**
 * One connection: its channel, its streams (TLS or plain), its read buffer, and the deadline of the
 * attempt it is serving. Used by one thread at a time, except {@link #expireIfStill}, which the
 * watchdog calls.
 *
 * <p>Closing is always done on the {@link SocketChannel}: closing the channel never waits for a
 * lock that a blocked reader or writer holds (closing an {@link SSLSocket} does: it sends a
 * close_notify under the lock a blocked TLS write holds), and it ends every blocked call at once.
 */
final class Connection {
  /** The deadline of a connection that serves no request. */
  static final long IDLE = 0;

  static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int READ_BUFFER_BYTES = 8192;
  private static final VarHandle DEADLINE;

  static {
    try {
      DEADLINE = MethodHandles.lookup().findVarHandle(Connection.class, "deadline", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final SocketChannel channel;
  private final DeadlineWatchdog watchdog;
  private Socket socket;
  InputStream in;
  OutputStream out;
  byte[] buf = new byte[READ_BUFFER_BYTES];
  int pos;
  int limit;

  /** The request line's absolute-form prefix ({@code http://host:port}) through a plain proxy. */
  String proxyTargetPrefix;

  /** The {@code Proxy-Authorization} value for each request through a plain proxy, or null. */
  String proxyAuthorization;

  volatile long deadline = IDLE;
  volatile boolean expired;

  /** Whether the last answer allows another request on this connection. */
  boolean keepAlive;

  /** How long the server said it keeps the connection idle ({@code Keep-Alive: timeout}), or -1. */
  long serverIdleNanos = -1;

  long idleSince;
  boolean reused;

  Connection(SocketChannel channel, DeadlineWatchdog watchdog) {
    this.channel = channel;
    this.watchdog = watchdog;
  }

  /** Called once connected: reads and writes go straight to the channel's socket. */
  void usePlain() throws IOException {
    this.socket = channel.socket();
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Called once the TLS handshake is done: reads and writes go through TLS. */
  void useTls(SSLSocket ssl) throws IOException {
    this.socket = ssl;
    this.in = ssl.getInputStream();
    this.out = new BufferedOutputStream(ssl.getOutputStream(), 8192);
  }

  /**
   * Looks at the raw channel, without blocking, for anything the server did since the last answer:
   * closed it (end of stream or reset), or wrote to it (an unsolicited 408, a TLS close alert). A
   * connection that passes may be reused; one that fails is out of step and must be closed. Costs
   * three system calls, so the pool does it only for connections idle for a while.
   */
  boolean stillQuiet() {
    if (!channel.isOpen() || pos < limit) {
      return false;
    }
    try {
      channel.configureBlocking(false);
      try {
        return channel.read(ByteBuffer.allocate(1)) == 0;
      } finally {
        channel.configureBlocking(true);
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Called by the watchdog: closes the connection if it still serves the attempt it timed. Closes
   * only the channel: never blocks.
   */
  void expireIfStill(long timedDeadline) {
    if (DEADLINE.compareAndSet(this, timedDeadline, IDLE)) {
      expired = true;
      try {
        channel.close();
      } catch (IOException | RuntimeException ignored) {
        // closed anyway
      }
    }
  }

  /** Closes the channel first (which cannot block), then lets TLS release its state. */
  void closeQuietly() {
    watchdog.unregister(this);
    try {
      channel.close();
    } catch (IOException | RuntimeException ignored) {
      // closing anyway
    }
    Socket s = socket;
    if (s instanceof SSLSocket) {
      try {
        s.close(); // the channel is closed: no close_notify can block
      } catch (IOException | RuntimeException ignored) {
        // closing anyway
      }
    }
  }

  /** Reads more bytes into the buffer; false at end of stream. */
  boolean fill() throws IOException {
    if (pos == limit) {
      pos = 0;
      limit = 0;
    } else if (limit == buf.length) {
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
      } else {
        // Only a long head line gets here: lineEnd bounds it.
        buf = Arrays.copyOf(buf, Math.min(2 * buf.length, MAX_HEAD_BYTES + READ_BUFFER_BYTES));
      }
      if (limit == buf.length) {
        throw new IOException("response head exceeds " + MAX_HEAD_BYTES + " bytes");
      }
    }
    int n;
    do {
      n = in.read(buf, limit, buf.length - limit);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    limit += n;
    return true;
  }

  /**
   * Makes sure a whole line is in the buffer and returns the index of its LF; the line starts at
   * {@link #pos}.
   */
  int lineEnd() throws IOException {
    int scanned = 0;
    while (true) {
      for (int i = pos + scanned; i < limit; i++) {
        if (buf[i] == '\n') {
          return i;
        }
      }
      scanned = limit - pos;
      if (scanned > MAX_HEAD_BYTES) {
        throw new IOException("response line exceeds " + MAX_HEAD_BYTES + " bytes");
      }
      if (!fill()) {
        throw new EOFException("connection closed in the middle of the response head");
      }
    }
  }
}
