package io.channels4j.spi.tck;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests off a {@link FaultyServer} connection, leniently, as a test server may.
 */
final class RequestReader {
  private RequestReader() {}

  /**
   * Reads one request whose first byte was already read.
   *
   * @param in the connection's input
   * @param first the first byte of the request line
   * @param index which accepted connection carries it, from 1
   * @param readBody whether to read the body (a behaviour may want it left unread)
   * @return the request
   * @throws IOException when the connection breaks or the head is malformed
   */
  static RecordedRequest read(InputStream in, int first, int index, boolean readBody)
      throws IOException {
    String requestLine = readLine(in, first);
    String[] parts = requestLine.split(" ");
    if (parts.length != 3) {
      throw new IOException("bad request line: " + requestLine);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    while (true) {
      String line = readLine(in, in.read());
      if (line.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    byte[] body = new byte[0];
    if (readBody) {
      String te = headers.get("transfer-encoding");
      String cl = headers.get("content-length");
      if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
        body = readChunked(in);
      } else if (cl != null) {
        int length = Integer.parseInt(cl);
        body = in.readNBytes(length);
        if (body.length != length) {
          throw new EOFException("request body truncated");
        }
      }
    }
    return new RecordedRequest(parts[0], parts[1], Map.copyOf(headers), body, index);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in, in.read());
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
      if (size == 0) {
        while (!readLine(in, in.read()).isEmpty()) {
          // skip trailers
        }
        return out.toByteArray();
      }
      out.write(in.readNBytes(size));
      readLine(in, in.read());
    }
  }

  private static String readLine(InputStream in, int first) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b = first;
    while (b != '\n') {
      if (b < 0) {
        throw new EOFException("connection closed in a request head");
      }
      if (b != '\r') {
        sb.append((char) b);
      }
      b = in.read();
    }
    return sb.toString();
  }

  static void drainUntilClosed(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    while (in.read(buf) >= 0) {
      // discard
    }
  }

  static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
