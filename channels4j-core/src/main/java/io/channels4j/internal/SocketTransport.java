package io.channels4j.internal;

import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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
 * <p>Deadlines: every read waits at most for what is left of the request's timeout; the TLS
 * handshake too. Writes of large requests (over {@value #WATCHED_WRITE_BYTES} bytes, which may
 * block once the socket buffers are full) are watched by a timer thread that closes the connection
 * when the deadline passes; the thread is started on first need and stops when idle.
 *
 * <p>Stale connections: before reusing an idle connection, a non-blocking read on the raw channel
 * (under TLS too) checks that the server has not closed it. If a reused connection still fails
 * before the first byte of the answer, with end-of-stream or a reset, or while the request is being
 * written, the server had closed it without reading the request (an idle close racing the reuse),
 * so the request is sent once more on a new connection. Any other failure after sending is
 * reported, never retried here, so an event is never sent twice by the transport.
 */
public final class SocketTransport implements HttpTransport {
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  /**
   * Requests up to this size fit in the send buffer of an idle connection (16 KiB is the smallest
   * default among common systems), so writing them does not block and needs no timer.
   */
  static final int WATCHED_WRITE_BYTES = 16 * 1024;

  /** Bodies up to this size are copied behind the head and written with it in one call. */
  private static final int COALESCED_BODY_BYTES = 64 * 1024;

  private final Duration connectTimeout;
  private final int maxIdle;
  private final long idleTimeoutNanos;
  private final Map<String, ConcurrentLinkedDeque<Connection>> pools = new ConcurrentHashMap<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private final SSLSocketFactory tlsFactory;
  private ScheduledThreadPoolExecutor writeTimer;
  private volatile boolean closed;

  /**
   * Creates a transport.
   *
   * @param connectTimeout the longest wait for a new connection
   * @param maxIdle how many idle connections to keep in all
   * @param idleTimeout how long an idle connection may be kept
   */
  public SocketTransport(Duration connectTimeout, int maxIdle, Duration idleTimeout) {
    this(connectTimeout, maxIdle, idleTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
  }

  /** Creates a transport with its own TLS socket factory, for tests against a local TLS server. */
  SocketTransport(
      Duration connectTimeout, int maxIdle, Duration idleTimeout, SSLSocketFactory tlsFactory) {
    this.connectTimeout = connectTimeout;
    this.maxIdle = maxIdle;
    this.idleTimeoutNanos = idleTimeout.toNanos();
    this.tlsFactory = tlsFactory;
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
      write(c, head, request.body(), deadline);
      Parsed parsed = readResponse(c, request.method());
      reusable = parsed.keepAlive && c.in.available() == 0;
      return parsed.response;
    } catch (IOException e) {
      if (c.expired) {
        SocketTimeoutException timeout =
            new SocketTimeoutException("request timed out while sending the request");
        timeout.initCause(e);
        throw timeout;
      }
      throw e;
    } finally {
      if (reusable) {
        release(poolKey, c);
      } else {
        c.closeQuietly();
      }
    }
  }

  /**
   * Writes the request. A large request may block once the socket buffers are full, and blocking
   * writes ignore socket timeouts, so a timer closes the connection at the deadline.
   */
  private void write(Connection c, byte[] head, byte[] body, long deadline) throws IOException {
    ScheduledFuture<?> alarm = null;
    if (head.length + body.length > WATCHED_WRITE_BYTES) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new SocketTimeoutException("request timed out");
      }
      alarm = writeTimer().schedule(c::expire, remaining, TimeUnit.NANOSECONDS);
    }
    try {
      if (body.length > 0 && body.length <= COALESCED_BODY_BYTES) {
        // One write, so head and body leave in one segment: a second write costs a system call,
        // a second packet and a second wake-up of the server.
        byte[] whole = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, whole, head.length, body.length);
        c.out.write(whole);
      } else {
        c.out.write(head);
        if (body.length > 0) {
          c.out.write(body);
        }
      }
      c.out.flush();
    } catch (IOException e) {
      if (c.reused && !c.expired && isBroken(e)) {
        // Reset or broken pipe while writing on a reused connection: the server had closed it, and
        // a request it did not read in full cannot have been acted on.
        throw new StaleConnectionException(e);
      }
      throw e;
    } finally {
      if (alarm != null) {
        alarm.cancel(false);
      }
    }
  }

  /** A reset or broken pipe, as opposed to a timeout, an interrupt or a close of our own. */
  private static boolean isBroken(IOException e) {
    return !(e instanceof InterruptedIOException) && !(e instanceof ClosedChannelException);
  }

  private synchronized ScheduledThreadPoolExecutor writeTimer() {
    if (writeTimer == null) {
      writeTimer =
          new ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "channels4j-write-timeout");
                t.setDaemon(true);
                return t;
              });
      writeTimer.setRemoveOnCancelPolicy(true);
      writeTimer.setKeepAliveTime(1, TimeUnit.SECONDS);
      writeTimer.allowCoreThreadTimeOut(true);
    }
    return writeTimer;
  }

  private record Parsed(HttpResponse response, boolean keepAlive) {}

  private Parsed readResponse(Connection c, String method) throws IOException {
    InputStream in = c.in;
    int first;
    try {
      first = in.read();
    } catch (IOException e) {
      if (c.reused && isBroken(e)) {
        // A reset before any byte of the answer: the server closed the idle connection as the
        // request arrived, and dropped it unread.
        throw new StaleConnectionException(e);
      }
      throw e;
    }
    if (first < 0) {
      if (c.reused) {
        throw new StaleConnectionException(null);
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
        SSLSocket ssl = (SSLSocket) tlsFactory.createSocket(channel.socket(), host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        // The handshake reads outside the deadline-armed stream: bound it here.
        long remaining = (deadline - System.nanoTime()) / 1_000_000;
        if (remaining <= 0) {
          throw handshakeTimeout(host, port, null);
        }
        ssl.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remaining));
        try {
          ssl.startHandshake();
        } catch (SocketTimeoutException e) {
          throw handshakeTimeout(host, port, e);
        }
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

  private static ConnectException handshakeTimeout(String host, int port, Exception cause) {
    // Nothing of the request was sent before the handshake ended: report it like a connect timeout.
    ConnectException ce =
        new ConnectException("TLS handshake with " + host + ":" + port + " timed out");
    ce.initCause(cause != null ? cause : new SocketTimeoutException("request timed out"));
    return ce;
  }

  @Override
  public void close() {
    closed = true;
    drain();
    synchronized (this) {
      if (writeTimer != null) {
        writeTimer.shutdownNow();
      }
    }
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

    StaleConnectionException(Exception cause) {
      super("stale pooled connection", cause);
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
    volatile boolean expired;
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

    /**
     * False when the server has closed (or written unexpected bytes to) an idle connection. Under
     * TLS the raw channel is probed too: an idle TLS connection receives nothing but a close_notify
     * alert or garbage, and either makes it unusable, so consuming those bytes does no harm.
     */
    boolean isOpen() {
      if (!channel.isOpen()) {
        return false;
      }
      try {
        if (in.available() > 0) {
          return false; // bytes after the last answer: the stream is out of step
        }
        channel.configureBlocking(false);
        try {
          probe.clear();
          return channel.read(probe) == 0;
        } finally {
          // The socket streams (and a TLS close_notify on close) need blocking mode back.
          channel.configureBlocking(true);
        }
      } catch (IOException e) {
        return false;
      }
    }

    /** Called by the write timer at the deadline: ends a blocked write by closing. */
    void expire() {
      expired = true;
      closeQuietly();
    }

    void closeQuietly() {
      try {
        socket.close();
      } catch (IOException | RuntimeException ignored) {
        // closing anyway (a TLS close_notify may fail on a broken or non-blocking channel)
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
