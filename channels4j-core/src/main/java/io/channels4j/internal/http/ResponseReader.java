package io.channels4j.internal.http;

import io.channels4j.spi.HttpResponse;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads one answer from a {@link Connection}, strictly: a status line of {@code HTTP/1.x} and a
 * three-digit code, interim (1xx) answers skipped, {@code 101} refused, one {@code Content-Length}
 * (copies must agree), chunk framing checked to the last CRLF, and a cap on the body. Body buffers
 * grow with the bytes that arrive, never from the size the server announces.
 */
final class ResponseReader {
  private static final byte[] NO_BYTES = new byte[0];

  /** More interim answers than this before the final one is a broken server. */
  private static final int MAX_INTERIM = 16;

  /** Header names common in API answers, returned as constants instead of new strings. */
  private static final String[] KNOWN_HEADERS = {
    "date",
    "vary",
    "etag",
    "server",
    "connection",
    "keep-alive",
    "retry-after",
    "content-type",
    "content-length",
    "transfer-encoding",
    "x-powered-by",
    "cache-control",
    "content-encoding",
    "strict-transport-security",
    "access-control-allow-origin",
    "x-request-id"
  };

  /** At most this many distinct headers are collected without a HashMap. */
  private static final int MAX_SMALL_HEADERS = 10;

  private ResponseReader() {}

  /**
   * Reads the head of an answer: the status code and headers, interim answers skipped.
   *
   * @return the status in the returned array's first slot and the headers
   * @throws EOFException when the connection ends before the first byte
   */
  static Head readHead(Connection c) throws IOException {
    for (int interim = 0; ; interim++) {
      if (c.pos == c.limit && !c.fill()) {
        throw new EOFException("the server closed the connection without answering");
      }
      int lf = c.lineEnd();
      int end = lf > c.pos && c.buf[lf - 1] == '\r' ? lf - 1 : lf;
      int status = parseStatusLine(c.buf, c.pos, end);
      boolean http10 = c.buf[c.pos + 7] == '0';
      int lineBytes = end - c.pos;
      c.pos = lf + 1;
      Map<String, String> headers = readHeaders(c, lineBytes);
      if (status == 101) {
        throw new IOException("the server switched protocols (101) on an HTTP request");
      }
      if (status >= 200) {
        return new Head(status, headers, http10);
      }
      if (interim >= MAX_INTERIM) {
        throw new IOException("more than " + MAX_INTERIM + " interim (1xx) answers");
      }
      // 100, 102, 103...: informational; the final answer follows (RFC 9110 section 15.2).
    }
  }

  /**
   * Reads a whole answer to a request of {@code method}, and records on the connection whether it
   * may be reused and for how long.
   */
  static HttpResponse read(Connection c, String method, int maxBodyBytes) throws IOException {
    Head head = readHead(c);
    int status = head.status();
    Map<String, String> headers = head.headers();
    boolean keepAlive = !head.http10();
    String connection = headers.get("connection");
    if (connection != null) {
      String lc = connection.toLowerCase(Locale.ROOT);
      if (lc.contains("close")) {
        keepAlive = false;
      } else if (lc.contains("keep-alive")) {
        keepAlive = true;
      }
    }
    c.serverIdleNanos = keepAliveTimeout(headers.get("keep-alive"));
    byte[] body;
    String te = headers.get("transfer-encoding");
    String cl = headers.get("content-length");
    if ("HEAD".equals(method) || status == 204 || status == 304) {
      body = NO_BYTES;
    } else if (te != null) {
      if (!te.toLowerCase(Locale.ROOT).endsWith("chunked")) {
        throw new IOException("unsupported Transfer-Encoding: " + truncate(te));
      }
      body = readChunked(c, maxBodyBytes);
      if (cl != null) {
        keepAlive = false; // both framings: a smuggling attempt or a broken server
      }
    } else if (cl != null) {
      long length = contentLength(cl);
      if (length > maxBodyBytes) {
        throw new IOException(
            "response body of " + length + " bytes exceeds the limit of " + maxBodyBytes);
      }
      body = readExactly(c, (int) length);
    } else {
      body = readToEnd(c, maxBodyBytes);
      keepAlive = false;
    }
    c.keepAlive = keepAlive && c.pos == c.limit;
    return new HttpResponse(status, headers, body);
  }

  /** The status line and headers of an answer. */
  record Head(int status, Map<String, String> headers, boolean http10) {}

  /** {@code HTTP/1.x SSS[ reason]}: exactly three digits, then the end or a space. */
  static int parseStatusLine(byte[] b, int from, int end) throws IOException {
    int length = end - from;
    if (length < 12
        || b[from] != 'H'
        || b[from + 1] != 'T'
        || b[from + 2] != 'T'
        || b[from + 3] != 'P'
        || b[from + 4] != '/'
        || b[from + 5] != '1'
        || b[from + 6] != '.'
        || (b[from + 7] != '0' && b[from + 7] != '1')
        || b[from + 8] != ' '
        || !isDigit(b[from + 9])
        || !isDigit(b[from + 10])
        || !isDigit(b[from + 11])
        || (length > 12 && b[from + 12] != ' ')) {
      throw new IOException(
          "not an HTTP/1.x status line: "
              + truncate(new String(b, from, length, StandardCharsets.ISO_8859_1)));
    }
    int status = (b[from + 9] - '0') * 100 + (b[from + 10] - '0') * 10 + (b[from + 11] - '0');
    if (status < 100) {
      throw new IOException("status code out of range: " + status);
    }
    return status;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /** One or more copies of the same decimal number; anything else is refused. */
  static long contentLength(String value) throws IOException {
    long length = -1;
    for (String part : value.split(",", -1)) {
      String p = part.trim();
      if (p.isEmpty() || p.length() > 18) {
        throw new IOException("bad Content-Length: " + truncate(value));
      }
      long v = 0;
      for (int i = 0; i < p.length(); i++) {
        char ch = p.charAt(i);
        if (ch < '0' || ch > '9') {
          throw new IOException("bad Content-Length: " + truncate(value));
        }
        v = v * 10 + (ch - '0');
      }
      if (length >= 0 && v != length) {
        throw new IOException("conflicting Content-Length values: " + truncate(value));
      }
      length = v;
    }
    return length;
  }

  /** {@code Keep-Alive: timeout=N}, in nanoseconds, or -1 when absent or unreadable. */
  static long keepAliveTimeout(String value) {
    if (value == null) {
      return -1;
    }
    for (String param : value.split(",")) {
      String p = param.trim();
      if (p.regionMatches(true, 0, "timeout=", 0, 8)) {
        try {
          long seconds = Long.parseLong(p.substring(8).trim());
          return seconds < 0 ? -1 : TimeUnit.SECONDS.toNanos(Math.min(seconds, 86_400));
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  private static byte[] readChunked(Connection c, int maxBodyBytes) throws IOException {
    byte[] out = NO_BYTES;
    int size = 0;
    while (true) {
      String sizeLine = readLine(c);
      int semi = sizeLine.indexOf(';');
      String hex = semi >= 0 ? sizeLine.substring(0, semi) : sizeLine;
      int trailing = hex.length();
      while (trailing > 0
          && (hex.charAt(trailing - 1) == ' ' || hex.charAt(trailing - 1) == '\t')) {
        trailing--; // whitespace before a chunk extension
      }
      hex = hex.substring(0, trailing);
      if (hex.isEmpty() || hex.length() > 8 || !isHex(hex)) {
        throw new IOException("bad chunk size line: " + truncate(sizeLine));
      }
      long chunk = Long.parseLong(hex, 16);
      if (chunk == 0) {
        while (!readLine(c).isEmpty()) {
          // skip trailers
        }
        return out.length == size ? out : Arrays.copyOf(out, size);
      }
      if (size + chunk > maxBodyBytes) {
        throw new IOException("chunked response body exceeds the limit of " + maxBodyBytes);
      }
      int n = (int) chunk;
      if (out.length - size < n) {
        out = Arrays.copyOf(out, Math.max(size + n, Math.min(maxBodyBytes, 2 * out.length)));
      }
      readInto(c, out, size, n);
      size += n;
      if (!readLine(c).isEmpty()) {
        throw new IOException("chunk data not followed by CRLF");
      }
    }
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (!(ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'f' || ch >= 'A' && ch <= 'F')) {
        return false;
      }
    }
    return true;
  }

  /** Reads exactly {@code n} bytes into {@code out} at {@code at}, buffered ones first. */
  private static void readInto(Connection c, byte[] out, int at, int n) throws IOException {
    int have = Math.min(n, c.limit - c.pos);
    System.arraycopy(c.buf, c.pos, out, at, have);
    c.pos += have;
    while (have < n) {
      int r = c.in.read(out, at + have, n - have);
      if (r < 0) {
        throw new EOFException("response body truncated: got " + have + " of " + n + " bytes");
      }
      have += r;
    }
  }

  /**
   * Reads a body of {@code length} bytes. The array grows as bytes arrive (from at most 64 KiB), so
   * an announced length costs memory only once the bytes are there.
   */
  static byte[] readExactly(Connection c, int length) throws IOException {
    if (length <= RequestWriter.COALESCED_BODY_BYTES) {
      byte[] body = new byte[length];
      readInto(c, body, 0, length);
      return body;
    }
    byte[] body = new byte[RequestWriter.COALESCED_BODY_BYTES];
    int have = 0;
    while (have < length) {
      if (have == body.length) {
        body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
      }
      int step = Math.min(body.length - have, c.limit - c.pos);
      if (step > 0) {
        System.arraycopy(c.buf, c.pos, body, have, step);
        c.pos += step;
        have += step;
        continue;
      }
      int r = c.in.read(body, have, body.length - have);
      if (r < 0) {
        throw new EOFException("response body truncated: got " + have + " of " + length + " bytes");
      }
      have += r;
    }
    return body;
  }

  /** Reads the body of an answer delimited by the server closing the connection. */
  private static byte[] readToEnd(Connection c, int maxBodyBytes) throws IOException {
    byte[] body = Arrays.copyOfRange(c.buf, c.pos, c.pos + Math.max(c.limit - c.pos, 1024));
    int have = c.limit - c.pos;
    c.pos = c.limit;
    while (true) {
      if (have > maxBodyBytes) {
        throw new IOException("response body exceeds the limit of " + maxBodyBytes);
      }
      if (have == body.length) {
        body = Arrays.copyOf(body, Math.min(maxBodyBytes + 1, 2 * body.length));
      }
      int r = c.in.read(body, have, body.length - have);
      if (r < 0) {
        return Arrays.copyOf(body, have);
      }
      have += r;
    }
  }

  /** Reads one LF-terminated line of ISO-8859-1 text, without its final CR. */
  private static String readLine(Connection c) throws IOException {
    int lf = c.lineEnd();
    int end = lf > c.pos && c.buf[lf - 1] == '\r' ? lf - 1 : lf;
    String line = new String(c.buf, c.pos, end - c.pos, StandardCharsets.ISO_8859_1);
    c.pos = lf + 1;
    return line;
  }

  /**
   * Reads the header lines up to the blank one, straight from the buffer: names trimmed and in
   * lower case (the common ones as constants), values trimmed, the first value of a name kept,
   * except that differing {@code Content-Length} values are refused. Lines without a colon, or
   * starting with one, are skipped; CRs inside a line are dropped.
   */
  static Map<String, String> readHeaders(Connection c, int headBytes) throws IOException {
    String[] kv = new String[2 * MAX_SMALL_HEADERS];
    int n = 0;
    Map<String, String> more = null;
    byte[] buf;
    while (true) {
      int lf = c.lineEnd();
      buf = c.buf;
      int start = c.pos;
      int end = lf > start && buf[lf - 1] == '\r' ? lf - 1 : lf;
      c.pos = lf + 1;
      String name;
      String value;
      if (indexOf(buf, start, end, '\r') >= 0) {
        String line = withoutCr(buf, start, end);
        if (line.isEmpty()) {
          break;
        }
        headBytes = countHead(headBytes, line.length());
        int colon = line.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        value = line.substring(colon + 1).trim();
      } else {
        if (start == end) {
          break;
        }
        headBytes = countHead(headBytes, end - start);
        int colon = indexOf(buf, start, end, ':');
        if (colon <= start) {
          continue;
        }
        int ns = start;
        int ne = colon;
        while (ns < ne && (buf[ns] & 0xff) <= ' ') {
          ns++;
        }
        while (ne > ns && (buf[ne - 1] & 0xff) <= ' ') {
          ne--;
        }
        int vs = colon + 1;
        int ve = end;
        while (vs < ve && (buf[vs] & 0xff) <= ' ') {
          vs++;
        }
        while (ve > vs && (buf[ve - 1] & 0xff) <= ' ') {
          ve--;
        }
        name = knownName(buf, ns, ne);
        if (name == null) {
          name = new String(buf, ns, ne - ns, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        }
        value = new String(buf, vs, ve - vs, StandardCharsets.ISO_8859_1);
      }
      String earlier = more != null ? more.get(name) : null;
      for (int i = 0; i < n && earlier == null; i += 2) {
        if (kv[i].equals(name)) {
          earlier = kv[i + 1];
        }
      }
      if (earlier != null) {
        if (name.equals("content-length")) {
          contentLength(earlier + "," + value); // throws unless they agree
        }
        continue;
      }
      if (n < kv.length) {
        kv[n++] = name;
        kv[n++] = value;
      } else {
        if (more == null) {
          more = new HashMap<>();
        }
        more.put(name, value);
      }
    }
    if (more != null) {
      for (int i = 0; i < n; i += 2) {
        more.put(kv[i], kv[i + 1]);
      }
      return Map.copyOf(more);
    }
    return smallMap(kv, n / 2);
  }

  private static int countHead(int headBytes, int lineBytes) throws IOException {
    int total = headBytes + lineBytes;
    if (total > Connection.MAX_HEAD_BYTES) {
      throw new IOException("response headers exceed " + Connection.MAX_HEAD_BYTES + " bytes");
    }
    return total;
  }

  private static int indexOf(byte[] buf, int from, int to, char ch) {
    for (int i = from; i < to; i++) {
      if (buf[i] == ch) {
        return i;
      }
    }
    return -1;
  }

  private static String withoutCr(byte[] b, int from, int end) {
    StringBuilder sb = new StringBuilder(end - from);
    for (int j = from; j < end; j++) {
      if (b[j] != '\r') {
        sb.append((char) (b[j] & 0xff));
      }
    }
    return sb.toString();
  }

  /** The constant for a header name in any case, or null when it is not a known one. */
  private static String knownName(byte[] b, int from, int to) {
    int length = to - from;
    for (String known : KNOWN_HEADERS) {
      if (known.length() != length) {
        continue;
      }
      int i = 0;
      // Names are lower-case letters and '-'; OR-ing 0x20 lowers A-Z and keeps '-'.
      while (i < length && (b[from + i] | 0x20) == known.charAt(i)) {
        i++;
      }
      if (i == length) {
        return known;
      }
    }
    return null;
  }

  /** An immutable map of distinct keys, without the HashMap that Map.copyOf would copy. */
  private static Map<String, String> smallMap(String[] kv, int pairs) {
    return switch (pairs) {
      case 0 -> Map.of();
      case 1 -> Map.of(kv[0], kv[1]);
      case 2 -> Map.of(kv[0], kv[1], kv[2], kv[3]);
      case 3 -> Map.of(kv[0], kv[1], kv[2], kv[3], kv[4], kv[5]);
      case 4 -> Map.of(kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7]);
      case 5 -> Map.of(kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7], kv[8], kv[9]);
      case 6 ->
          Map.of(
              kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7], kv[8], kv[9], kv[10], kv[11]);
      case 7 ->
          Map.of(
              kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7], kv[8], kv[9], kv[10], kv[11],
              kv[12], kv[13]);
      case 8 ->
          Map.of(
              kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7], kv[8], kv[9], kv[10], kv[11],
              kv[12], kv[13], kv[14], kv[15]);
      case 9 ->
          Map.of(
              kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7], kv[8], kv[9], kv[10], kv[11],
              kv[12], kv[13], kv[14], kv[15], kv[16], kv[17]);
      default ->
          Map.of(
              kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], kv[6], kv[7], kv[8], kv[9], kv[10], kv[11],
              kv[12], kv[13], kv[14], kv[15], kv[16], kv[17], kv[18], kv[19]);
    };
  }

  static String truncate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
