package io.channels4j.internal;

import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * HTTP/1.1 over a pool of keep-alive connections, written for small JSON requests.
 *
 * <p>Why not {@code java.net.http}: measured here it spends several times the CPU of a raw socket
 * per request (thread hand-offs dominate a loopback exchange), and on JDK 17 it lost POSTs on
 * reused connections. This transport sends and reads on the calling thread.
 *
 * <p>Connections are {@link SocketChannel}s, so interrupting the calling thread closes the
 * connection and ends a blocked read at once (that is how a cancelled future stops a request).
 *
 * <p>Stale connections: before reusing an idle connection, a non-blocking read checks that the
 * server has not closed it. If a reused connection still yields end-of-stream before the first byte
 * of the answer, the server closed it without reading the request (an idle close), so the request
 * is sent once more on a new connection; any other failure after sending is reported, never retried
 * here, so an event is never sent twice by the transport.
 */
public final class SocketTransport implements HttpTransport {
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final Duration connectTimeout;
  private final int maxIdle;
  private final long idleTimeoutNanos;
  private final Map<String, ConcurrentLinkedDeque<Connection>> pools = new ConcurrentHashMap<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile boolean closed;

  /**
   * Creates a transport.
   *
   * @param connectTimeout the longest wait for a new connection
   * @param maxIdle how many idle connections to keep in all
   * @param idleTimeout how long an idle connection may be kept
   */
  public SocketTransport(Duration connectTimeout, int maxIdle, Duration idleTimeout) {
    this.connectTimeout = connectTimeout;
    this.maxIdle = maxIdle;
    this.idleTimeoutNanos = idleTimeout.toNanos();
  }

  @Override
  public HttpResponse send(HttpRequest request) throws IOException {
    if (closed) {
      throw new ConnectException("transport is closed");
    }
    URI uri = request.uri();
    boolean tls = "https".equalsIgnoreCase(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
    String host = uri.getHost();
    String poolKey = (tls ? "s:" : "p:") + host + ':' + port;
    long deadline = System.nanoTime() + request.timeout().toNanos();
    byte[] head = head(request, host, port, tls);

    Connection reused = borrow(poolKey);
    if (reused != null) {
      try {
        return exchange(reused, poolKey, head, request, deadline);
      } catch (StaleConnectionException e) {
        reused.closeQuietly();
        // The server closed the idle connection without reading the request: send it again.
      }
    }
    Connection fresh = connect(host, port, tls, deadline);
    try {
      return exchange(fresh, poolKey, head, request, deadline);
    } catch (StaleConnectionException e) {
      throw new EOFException("server closed the connection without answering");
    }
  }

  private HttpResponse exchange(
      Connection c, String poolKey, byte[] head, HttpRequest request, long deadline)
      throws IOException {
    boolean reusable = false;
    try {
      c.deadline = deadline;
      c.out.write(head);
      if (request.body().length > 0) {
        c.out.write(request.body());
      }
      c.out.flush();
      Parsed parsed = readResponse(c, request.method());
      reusable = parsed.keepAlive;
      return parsed.response;
    } finally {
      if (reusable) {
        release(poolKey, c);
      } else {
        c.closeQuietly();
      }
    }
  }

  private record Parsed(HttpResponse response, boolean keepAlive) {}

  private Parsed readResponse(Connection c, String method) throws IOException {
    InputStream in = c.in;
    int first = in.read();
    if (first < 0) {
      if (c.reused) {
        throw new StaleConnectionException();
      }
      throw new EOFException("server closed the connection without answering");
    }
    String statusLine = readLine(in, first);
    // "HTTP/1.1 200 OK"
    if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: " + truncate(statusLine));
    }
    int status;
    try {
      status = Integer.parseInt(statusLine.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IOException("bad status line: " + truncate(statusLine), e);
    }
    boolean keepAlive = statusLine.charAt(7) == '1';
    Map<String, String> headers = new HashMap<>();
    int headerBytes = statusLine.length();
    while (true) {
      String line = readLine(in, in.read());
      if (line.isEmpty()) {
        break;
      }
      headerBytes += line.length();
      if (headerBytes > MAX_HEADER_BYTES) {
        throw new IOException("response headers exceed " + MAX_HEADER_BYTES + " bytes");
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.putIfAbsent(
            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).trim());
      }
    }
    String connection = headers.get("connection");
    if (connection != null) {
      String lc = connection.toLowerCase(Locale.ROOT);
      if (lc.contains("close")) {
        keepAlive = false;
      } else if (lc.contains("keep-alive")) {
        keepAlive = true;
      }
    }
    byte[] body;
    String te = headers.get("transfer-encoding");
    String cl = headers.get("content-length");
    if ("HEAD".equals(method)
        || status == 204
        || status == 304
        || (status >= 100 && status < 200)) {
      body = new byte[0];
    } else if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = readChunked(in);
    } else if (cl != null) {
      long length;
      try {
        length = Long.parseLong(cl);
      } catch (NumberFormatException e) {
        throw new IOException("bad Content-Length: " + truncate(cl), e);
      }
      if (length < 0 || length > MAX_BODY_BYTES) {
        throw new IOException("response body of " + length + " bytes exceeds " + MAX_BODY_BYTES);
      }
      body = in.readNBytes((int) length);
      if (body.length != length) {
        throw new EOFException(
            "response body truncated: got " + body.length + " of " + length + " bytes");
      }
    } else {
      body = readToEnd(in);
      keepAlive = false;
    }
    return new Parsed(new HttpResponse(status, headers, body), keepAlive);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in, in.read());
      int semi = sizeLine.indexOf(';');
      String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: " + truncate(sizeLine), e);
      }
      if (size < 0 || out.size() + (long) size > MAX_BODY_BYTES) {
        throw new IOException("chunked response body exceeds " + MAX_BODY_BYTES + " bytes");
      }
      if (size == 0) {
        // Trailers, then the blank line.
        while (!readLine(in, in.read()).isEmpty()) {
          // skip trailer
        }
        return out.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("chunked response body truncated");
      }
      out.write(chunk);
      readLine(in, in.read());
    }
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    int n;
    while ((n = in.read(buf)) >= 0) {
      if (out.size() + n > MAX_BODY_BYTES) {
        throw new IOException("response body exceeds " + MAX_BODY_BYTES + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Reads one CRLF- (or LF-) terminated line of ISO-8859-1 text whose first byte is given. */
  private static String readLine(InputStream in, int first) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    int b = first;
    while (true) {
      if (b < 0) {
        throw new EOFException("connection closed in the middle of the response head");
      }
      if (b == '\n') {
        break;
      }
      if (b != '\r') {
        sb.append((char) b);
        if (sb.length() > MAX_HEADER_BYTES) {
          throw new IOException("response line exceeds " + MAX_HEADER_BYTES + " bytes");
        }
      }
      b = in.read();
    }
    return sb.toString();
  }

  private static byte[] head(HttpRequest request, String host, int port, boolean tls) {
    URI uri = request.uri();
    StringBuilder sb = new StringBuilder(256);
    sb.append(request.method()).append(' ').append(uri.getRawPath());
    if (uri.getRawQuery() != null) {
      sb.append('?').append(uri.getRawQuery());
    }
    sb.append(" HTTP/1.1\r\nHost: ").append(host);
    if (port != (tls ? 443 : 80)) {
      sb.append(':').append(port);
    }
    sb.append("\r\n");
    for (Map.Entry<String, String> h : request.headers().entrySet()) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (request.body().length > 0 || "POST".equals(request.method())) {
      sb.append("Content-Length: ").append(request.body().length).append("\r\n");
    }
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private Connection borrow(String poolKey) {
    ConcurrentLinkedDeque<Connection> pool = pools.get(poolKey);
    if (pool == null) {
      return null;
    }
    Connection c;
    long now = System.nanoTime();
    while ((c = pool.pollFirst()) != null) {
      idleCount.decrementAndGet();
      if (now - c.idleSince < idleTimeoutNanos && c.isOpen()) {
        c.reused = true;
        return c;
      }
      c.closeQuietly();
    }
    return null;
  }

  private void release(String poolKey, Connection c) {
    if (closed || idleCount.incrementAndGet() > maxIdle) {
      idleCount.decrementAndGet();
      c.closeQuietly();
      return;
    }
    c.idleSince = System.nanoTime();
    pools.computeIfAbsent(poolKey, k -> new ConcurrentLinkedDeque<>()).offerFirst(c);
    if (closed) {
      drain();
    }
  }

  private Connection connect(String host, int port, boolean tls, long deadline) throws IOException {
    long remainingMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
    int timeoutMs = (int) Math.min(remainingMs, connectTimeout.toMillis());
    SocketChannel channel = SocketChannel.open();
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      try {
        channel.socket().connect(new InetSocketAddress(host, port), Math.max(1, timeoutMs));
      } catch (SocketTimeoutException e) {
        ConnectException ce =
            new ConnectException(
                "connect to " + host + ":" + port + " timed out after " + timeoutMs + " ms");
        ce.initCause(e);
        throw ce;
      }
      Connection c = new Connection(channel);
      if (tls) {
        SSLSocket ssl =
            (SSLSocket)
                ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(channel.socket(), host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        c.setTls(ssl);
      }
      return c;
    } catch (IOException | RuntimeException e) {
      try {
        channel.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  @Override
  public void close() {
    closed = true;
    drain();
  }

  private void drain() {
    for (ConcurrentLinkedDeque<Connection> pool : pools.values()) {
      Connection c;
      while ((c = pool.pollFirst()) != null) {
        idleCount.decrementAndGet();
        c.closeQuietly();
      }
    }
  }

  /** Number of idle pooled connections, for tests that check nothing leaks. */
  int idleConnections() {
    return Math.max(0, idleCount.get());
  }

  private static String truncate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }

  /** The server closed a reused connection before answering. */
  private static final class StaleConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    StaleConnectionException() {
      super("stale pooled connection");
    }
  }

  /** One connection, its streams and the deadline of the request it is serving. */
  private static final class Connection {
    private final SocketChannel channel;
    private final ByteBuffer probe = ByteBuffer.allocate(1);
    private java.net.Socket socket;
    private InputStream in;
    private OutputStream out;
    volatile long deadline;
    long idleSince;
    boolean reused;

    Connection(SocketChannel channel) throws IOException {
      this.channel = channel;
      this.socket = channel.socket();
      this.in = new BufferedInputStream(new DeadlineInputStream(socket.getInputStream()), 8192);
      this.out = socket.getOutputStream();
    }

    void setTls(SSLSocket ssl) throws IOException {
      this.socket = ssl;
      this.in = new BufferedInputStream(new DeadlineInputStream(ssl.getInputStream()), 8192);
      this.out = new java.io.BufferedOutputStream(ssl.getOutputStream(), 8192);
    }

    /** False when the server has closed (or written unexpected bytes to) an idle connection. */
    boolean isOpen() {
      if (!channel.isOpen()) {
        return false;
      }
      if (socket instanceof SSLSocket) {
        return !socket.isClosed();
      }
      try {
        channel.configureBlocking(false);
        probe.clear();
        int n = channel.read(probe);
        channel.configureBlocking(true);
        return n == 0;
      } catch (IOException e) {
        return false;
      }
    }

    void closeQuietly() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }

    /** Sets the socket timeout to what is left of the request's budget before every read. */
    private final class DeadlineInputStream extends InputStream {
      private final InputStream in;

      DeadlineInputStream(InputStream in) {
        this.in = in;
      }

      private void arm() throws IOException {
        long remaining = (deadline - System.nanoTime()) / 1_000_000;
        if (remaining <= 0) {
          throw new SocketTimeoutException("request timed out");
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
      }

      @Override
      public int read() throws IOException {
        arm();
        return in.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        arm();
        return in.read(b, off, len);
      }
    }
  }
}
