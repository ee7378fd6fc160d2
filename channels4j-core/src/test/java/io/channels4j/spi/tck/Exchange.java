package io.channels4j.spi.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The request being answered and the connection to answer it on. */
public final class Exchange {
  private final Socket raw;
  private final InputStream in;
  private final OutputStream out;
  private final RecordedRequest request;

  Exchange(Socket raw, InputStream in, OutputStream out, RecordedRequest request) {
    this.raw = raw;
    this.in = in;
    this.out = out;
    this.request = request;
  }

  /**
   * Returns the request.
   *
   * @return the request being answered
   */
  public RecordedRequest request() {
    return request;
  }

  /**
   * Writes raw bytes and flushes them.
   *
   * @param bytes the bytes, sent as they are
   * @throws IOException when the client is gone
   */
  public void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /**
   * Writes ISO-8859-1 text and flushes it.
   *
   * @param text the text
   * @throws IOException when the client is gone
   */
  public void write(String text) throws IOException {
    write(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Writes a status line and headers, then the blank line.
   *
   * @param status the status code
   * @param headerPairs name, value, name, value...
   * @throws IOException when the client is gone
   */
  public void writeHead(int status, String... headerPairs) throws IOException {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" Status\r\n");
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      sb.append(headerPairs[i]).append(": ").append(headerPairs[i + 1]).append("\r\n");
    }
    write(sb.append("\r\n").toString());
  }

  /** Reads one byte of what the client sends next, or -1 at its end of stream. */
  int readByte() throws IOException {
    return in.read();
  }

  /**
   * Blocks until the client closes the connection, discarding what it sends.
   *
   * @throws IOException when the connection breaks
   */
  public void drainUntilClosed() throws IOException {
    RequestReader.drainUntilClosed(in);
  }

  /**
   * Closes the connection with a TCP reset (SO_LINGER 0).
   *
   * @throws IOException when closing fails
   */
  public void reset() throws IOException {
    raw.setSoLinger(true, 0);
    raw.close();
  }

  /**
   * Closes the connection normally (FIN), without a TLS close_notify.
   *
   * @throws IOException when closing fails
   */
  public void close() throws IOException {
    raw.close();
  }
}
