package io.channels4j.benchmarks.load.contenders;

import io.channels4j.benchmarks.load.Contender;
import io.channels4j.benchmarks.load.Drive;
import io.channels4j.benchmarks.load.Family;
import io.channels4j.benchmarks.load.PreSignedTrigger;
import io.channels4j.benchmarks.load.Target;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The limit: the same pre-signed request bytes written on a raw keep-alive socket, one socket per
 * sending thread, and the response read with minimal parsing (status line and Content-Length). No
 * HTTP library, no JSON, no signing, no allocation per request, and no read timeout: one write and
 * one blocking read per request, the fewest system calls an HTTP/1.1 client can make.
 */
public final class RawSocketContender implements Contender {
  private static final int TIMEOUT_MILLIS = 10_000;

  private final List<Connection> connections = new ArrayList<>();
  private volatile byte[] request;
  private volatile InetSocketAddress address;
  private volatile ThreadLocal<Connection> perThread;

  /** Creates the contender. */
  public RawSocketContender() {}

  @Override
  public String name() {
    return "raw-socket";
  }

  @Override
  public String description() {
    return "pre-signed request bytes on a raw keep-alive socket per thread (the limit)";
  }

  @Override
  public Family family() {
    return Family.LIMIT;
  }

  @Override
  public Drive drive(int concurrency) {
    return Drive.BLOCKING;
  }

  @Override
  public void setUp(Target target, int concurrency) {
    request =
        PreSignedTrigger.sign(target, Instant.now().getEpochSecond()).httpRequestBytes(target);
    address = new InetSocketAddress(target.host(), target.port());
    perThread = ThreadLocal.withInitial(this::connect);
  }

  @Override
  public void send() throws IOException {
    perThread.get().exchange(request);
  }

  @Override
  public void close() throws IOException {
    synchronized (connections) {
      for (Connection c : connections) {
        c.socket.close();
      }
      connections.clear();
    }
  }

  private Connection connect() {
    try {
      Socket socket = new Socket();
      socket.setTcpNoDelay(true);
      // No read timeout: a timed read on a JDK socket costs a poll besides the read (the socket
      // goes non-blocking), and the limit makes the fewest system calls a client can: one write
      // and one blocking read per request. A hung sink is still bounded: the runner gives up
      // after its drain time and close() closes the sockets, which ends a blocked read.
      socket.connect(address, TIMEOUT_MILLIS);
      Connection c = new Connection(socket);
      synchronized (connections) {
        connections.add(c);
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One keep-alive connection, used by one thread only. */
  private static final class Connection {
    private static final byte[] STATUS_200 = {
      'H', 'T', 'T', 'P', '/', '1', '.', '1', ' ', '2', '0', '0', ' '
    };
    private static final byte[] CONTENT_LENGTH =
        "content-length:".getBytes(StandardCharsets.US_ASCII);

    final Socket socket;
    final OutputStream out;
    final InputStream in;
    final byte[] buffer = new byte[4096];

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.in = socket.getInputStream();
    }

    void exchange(byte[] request) throws IOException {
      out.write(request);
      int filled = 0;
      int bodyStart = -1;
      int total = -1;
      while (true) {
        if (filled == buffer.length) {
          throw new IOException("response larger than " + buffer.length + " bytes");
        }
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
          throw new EOFException("connection closed by the server");
        }
        filled += n;
        if (bodyStart < 0) {
          int end = headerEnd(filled);
          if (end < 0) {
            continue;
          }
          bodyStart = end;
          for (int i = 0; i < STATUS_200.length; i++) {
            if (buffer[i] != STATUS_200[i]) {
              throw new IOException(
                  "status is not 200: "
                      + new String(buffer, 0, Math.min(filled, 40), StandardCharsets.US_ASCII));
            }
          }
          total = bodyStart + contentLength(bodyStart);
        }
        if (filled == total) {
          return;
        }
        if (filled > total) {
          throw new IOException("more bytes than Content-Length");
        }
      }
    }

    /** Index after the blank line ending the headers, or -1. */
    private int headerEnd(int filled) {
      for (int i = 3; i < filled; i++) {
        if (buffer[i] == '\n' && buffer[i - 1] == '\r' && buffer[i - 2] == '\n') {
          return i + 1;
        }
      }
      return -1;
    }

    private int contentLength(int headerEnd) throws IOException {
      outer:
      for (int i = 0; i + CONTENT_LENGTH.length < headerEnd; i++) {
        if (i > 0 && buffer[i - 1] != '\n') {
          continue;
        }
        for (int j = 0; j < CONTENT_LENGTH.length; j++) {
          if ((buffer[i + j] | 0x20) != CONTENT_LENGTH[j]) {
            continue outer;
          }
        }
        int value = 0;
        boolean digits = false;
        for (int k = i + CONTENT_LENGTH.length; k < headerEnd; k++) {
          byte b = buffer[k];
          if (b >= '0' && b <= '9') {
            value = value * 10 + (b - '0');
            digits = true;
          } else if (b != ' ' || digits) {
            break;
          }
        }
        if (digits) {
          return value;
        }
      }
      throw new IOException("no Content-Length in the response");
    }
  }
}
