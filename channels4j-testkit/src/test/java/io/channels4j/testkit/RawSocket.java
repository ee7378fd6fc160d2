package io.channels4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare TCP client for what no HTTP client sends: a huge body streamed from a small buffer, or a
 * request that stops half-way.
 */
final class RawSocket implements AutoCloseable {
  private final Socket socket;

  RawSocket(PusherTestServer server) {
    try {
      socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
      socket.setSoTimeout(30_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends text as it is, e.g. the first half of a request. */
  RawSocket send(String text) {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Streams {@code bytes} of filler without holding them in memory. */
  RawSocket sendFiller(long bytes) {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'x');
    try {
      OutputStream out = socket.getOutputStream();
      for (long left = bytes; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the status code of the answer. */
  int readStatus() {
    String line = readLine();
    return Integer.parseInt(line.split(" ")[1]);
  }

  /**
   * Reads until the server closes the connection (end of stream or reset), waiting up to the socket
   * timeout.
   *
   * @return whatever the server sent before closing
   */
  String readUntilClosed() {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    try {
      InputStream in = socket.getInputStream();
      byte[] buf = new byte[1024];
      for (int n; (n = in.read(buf)) >= 0; ) {
        got.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept the connection open for 30 s", e);
    } catch (SocketException reset) {
      // closed by the server with unread input pending: a reset is a close too
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  private String readLine() {
    try {
      InputStream in = socket.getInputStream();
      StringBuilder sb = new StringBuilder();
      for (int c; (c = in.read()) >= 0 && c != '\n'; ) {
        sb.append((char) c);
      }
      return sb.toString().strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a test connection
    }
  }
}
