package io.channels4j.internal;

import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
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
 * <p>Cost per request, on a connection reused within a second: one write (head and body together,
 * so they leave in one packet) and usually one blocking read; one more system call checks a
 * connection idle for longer. Socket timeouts are not used for that: on a {@code SocketChannel}
 * every read with a timeout switches the socket to non-blocking mode and back, which costs five
 * more system calls per read. Instead a watchdog thread closes the connection of any request still
 * running at its deadline, which ends a blocked read or write at once; the request then fails with
 * a {@link SocketTimeoutException}. The watchdog sleeps until the earliest deadline of the requests
 * in flight, so it wakes about once per timeout period under load; it starts on first need and
 * stops when idle. The connect and the TLS handshake keep their own timeouts.
 *
 * <p>Stale connections: before reusing a connection idle for a second or more, a check of the raw
 * channel (under TLS too) makes sure the server has not written anything to it since the last
 * answer (an unsolicited {@code 408}, a TLS close alert): such a connection is out of step and is
 * closed. If a reused connection then fails before the first byte of the answer, with end-of-stream
 * or a reset, or while the request is being written, the server had closed it without reading the
 * request (an idle close racing the reuse), so the request is sent once more on a new connection.
 * Any other failure after sending is reported, never retried here, so an event is never sent twice
 * by the transport.
 */
public final class SocketTransport implements HttpTransport {
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  /** Bodies up to this size are copied behind the head and written with it in one call. */
  private static final int COALESCED_BODY_BYTES = 64 * 1024;

  private static final int READ_BUFFER_BYTES = 8192;

  /**
   * A connection idle at least this long is checked for unsolicited bytes before reuse. Servers
   * write to or close idle connections after seconds of idleness (their keep-alive timeout), not
   * within one, and a connection in steady use saves the system call.
   */
  private static final long CHECK_AFTER_IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private static final byte[] NO_BYTES = new byte[0];

  private final Duration connectTimeout;
  private final int maxIdle;
  private final long idleTimeoutNanos;
  private final Map<String, ConcurrentLinkedDeque<Connection>> pools = new ConcurrentHashMap<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private final SSLSocketFactory tlsFactory;
  private final Watchdog watchdog = new Watchdog();
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

  /**
   * Where requests go: scheme, host and port, resolved once.
   *
   * @param tls whether to speak TLS
   * @param host the host name or address
   * @param port the port
   * @param poolKey the key of this endpoint's idle connections
   */
  public record Endpoint(boolean tls, String host, int port, String poolKey) {
    static Endpoint of(URI uri) {
      boolean tls = "https".equalsIgnoreCase(uri.getScheme());
      int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
      String host = uri.getHost();
      return new Endpoint(tls, host, port, (tls ? "s:" : "p:") + host + ':' + port);
    }
  }

  /**
   * Resolves a base URI such as {@code https://api-mt1.pusher.com} once, for {@link #send(Endpoint,
   * String, String, Map, byte[], Duration)}.
   *
   * @param baseUri scheme, host and optional port, nothing else
   * @return the endpoint, or null when the text is anything else (then build an {@link HttpRequest}
   *     and use {@link #send(HttpRequest)})
   */
  public static Endpoint endpoint(String baseUri) {
    URI uri;
    try {
      uri = new URI(baseUri + "/");
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || !"/".equals(uri.getRawPath())) {
      return null;
    }
    return Endpoint.of(uri);
  }

  @Override
  public HttpResponse send(HttpRequest request) throws IOException {
    if (closed) {
      throw new ConnectException("transport is closed");
    }
    URI uri = request.uri();
    String path = uri.getRawPath();
    String query = uri.getRawQuery();
    return send(
        Endpoint.of(uri),
        request.method(),
        query == null ? String.valueOf(path) : path + '?' + query,
        request.headers(),
        request.body(),
        request.timeout());
  }

  /**
   * {@link #send(HttpRequest)} without a {@link URI} to parse per request: what the client calls
   * for its own requests.
   *
   * @param endpoint where to send, from {@link #endpoint(String)}
   * @param method the method
   * @param target the raw path and query, as sent on the request line
   * @param headers headers besides {@code Host} and {@code Content-Length}
   * @param body the exact body bytes
   * @param timeout the budget for the whole exchange
   * @return the response, whatever its status
   * @throws IOException when no complete answer could be read
   */
  public HttpResponse send(
      Endpoint endpoint,
      String method,
      String target,
      Map<String, String> headers,
      byte[] body,
      Duration timeout)
      throws IOException {
    if (closed) {
      throw new ConnectException("transport is closed");
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean coalesce = body.length <= COALESCED_BODY_BYTES;
    byte[] wire = encode(method, target, headers, body, endpoint, coalesce);
    byte[] rest = coalesce ? NO_BYTES : body;

    Connection reused = borrow(endpoint.poolKey());
    if (reused != null) {
      try {
        return exchange(reused, endpoint.poolKey(), wire, rest, method, deadline);
      } catch (StaleConnectionException e) {
        reused.closeQuietly();
        // The server closed the idle connection without reading the request: send it again.
        Logs.staleConnection(
            endpoint.host() + ":" + endpoint.port(),
            "closed by the server before it read the request; sending it on a new connection");
      }
    }
    Connection fresh = connect(endpoint.host(), endpoint.port(), endpoint.tls(), deadline);
    try {
      return exchange(fresh, endpoint.poolKey(), wire, rest, method, deadline);
    } catch (StaleConnectionException e) {
      throw new EOFException("server closed the connection without answering");
    }
  }

  private HttpResponse exchange(
      Connection c, String poolKey, byte[] wire, byte[] rest, String method, long deadline)
      throws IOException {
    boolean reusable = false;
    watchdog.watch(c, deadline);
    try {
      if (deadline - System.nanoTime() <= 0) {
        throw new SocketTimeoutException("request timed out");
      }
      write(c, wire, rest);
      HttpResponse response = readResponse(c, method);
      reusable = c.keepAlive && c.pos == c.limit;
      return response;
    } catch (IOException e) {
      if (c.expired) {
        SocketTimeoutException timeout = new SocketTimeoutException("request timed out");
        timeout.initCause(e);
        throw timeout;
      }
      throw e;
    } finally {
      watchdog.unwatch(c);
      if (reusable && !c.expired) {
        release(poolKey, c);
      } else {
        c.closeQuietly();
      }
    }
  }

  /** Writes the request: one call for a small one, head then body for a large one. */
  private static void write(Connection c, byte[] wire, byte[] rest) throws IOException {
    try {
      c.out.write(wire);
      if (rest.length > 0) {
        c.out.write(rest);
      }
      c.out.flush();
    } catch (IOException e) {
      if (c.reused && !c.expired && isBroken(e)) {
        // Reset or broken pipe while writing on a reused connection: the server had closed it, and
        // a request it did not read in full cannot have been acted on.
        throw new StaleConnectionException(e);
      }
      throw e;
    }
  }

  /** A reset or broken pipe, as opposed to a timeout, an interrupt or a close of our own. */
  private static boolean isBroken(IOException e) {
    return !(e instanceof InterruptedIOException) && !(e instanceof ClosedChannelException);
  }

  private HttpResponse readResponse(Connection c, String method) throws IOException {
    boolean answered;
    try {
      answered = c.pos < c.limit || c.fill();
    } catch (IOException e) {
      if (c.reused && !c.expired && isBroken(e)) {
        // A reset before any byte of the answer: the server closed the idle connection as the
        // request arrived, and dropped it unread.
        throw new StaleConnectionException(e);
      }
      throw e;
    }
    if (!answered) {
      if (c.reused) {
        throw new StaleConnectionException(null);
      }
      throw new EOFException("server closed the connection without answering");
    }
    String statusLine = c.readLine();
    // "HTTP/1.1 200 OK"
    if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: " + truncate(statusLine));
    }
    int status;
    try {
      status = Integer.parseInt(statusLine, 9, 12, 10);
    } catch (NumberFormatException e) {
      throw new IOException("bad status line: " + truncate(statusLine), e);
    }
    boolean keepAlive = statusLine.charAt(7) == '1';
    Map<String, String> headers = c.readHeaders(statusLine.length());
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
      body = NO_BYTES;
    } else if (te != null && te.toLowerCase(Locale.ROOT).contains("chunked")) {
      body = readChunked(c);
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
      body = c.readExactly((int) length);
    } else {
      body = c.readToEnd();
      keepAlive = false;
    }
    c.keepAlive = keepAlive;
    return new HttpResponse(status, headers, body);
  }

  private static byte[] readChunked(Connection c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = c.readLine();
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
        while (!c.readLine().isEmpty()) {
          // skip trailer
        }
        return out.toByteArray();
      }
      byte[] chunk;
      try {
        chunk = c.readExactly(size);
      } catch (EOFException e) {
        throw new EOFException("chunked response body truncated");
      }
      out.write(chunk);
      c.readLine();
    }
  }

  /**
   * The request head in ISO-8859-1 (characters beyond it become {@code ?}), followed by the body
   * when {@code withBody}: built straight into the bytes to send.
   */
  private static byte[] encode(
      String method,
      String target,
      Map<String, String> headers,
      byte[] body,
      Endpoint endpoint,
      boolean withBody) {
    String host = endpoint.host();
    int port = endpoint.port();
    boolean defaultPort = port == (endpoint.tls() ? 443 : 80);
    boolean contentLength = body.length > 0 || "POST".equals(method);
    int length =
        method.length()
            + 1
            + target.length()
            + " HTTP/1.1\r\nHost: ".length()
            + host.length()
            + (defaultPort ? 0 : 1 + digits(port))
            + 2
            + (contentLength ? "Content-Length: ".length() + digits(body.length) + 2 : 0)
            + 2
            + (withBody ? body.length : 0);
    for (Map.Entry<String, String> h : headers.entrySet()) {
      length += h.getKey().length() + 2 + h.getValue().length() + 2;
    }
    byte[] out = new byte[length];
    int at = latin1(method, out, 0);
    out[at++] = ' ';
    at = latin1(target, out, at);
    at = latin1(" HTTP/1.1\r\nHost: ", out, at);
    at = latin1(host, out, at);
    if (!defaultPort) {
      out[at++] = ':';
      at = decimal(port, out, at);
    }
    out[at++] = '\r';
    out[at++] = '\n';
    for (Map.Entry<String, String> h : headers.entrySet()) {
      at = latin1(h.getKey(), out, at);
      out[at++] = ':';
      out[at++] = ' ';
      at = latin1(h.getValue(), out, at);
      out[at++] = '\r';
      out[at++] = '\n';
    }
    if (contentLength) {
      at = latin1("Content-Length: ", out, at);
      at = decimal(body.length, out, at);
      out[at++] = '\r';
      out[at++] = '\n';
    }
    out[at++] = '\r';
    out[at++] = '\n';
    if (withBody) {
      System.arraycopy(body, 0, out, at, body.length);
    }
    return out;
  }

  private static int latin1(String s, byte[] out, int at) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      out[at + i] = ch <= 0xff ? (byte) ch : (byte) '?';
    }
    return at + n;
  }

  private static int digits(int value) {
    int d = 1;
    for (int v = value; v >= 10; v /= 10) {
      d++;
    }
    return d;
  }

  private static int decimal(int value, byte[] out, int at) {
    int end = at + digits(value);
    int v = value;
    for (int i = end - 1; i >= at; i--) {
      out[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return end;
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
      long idle = now - c.idleSince;
      if (idle < idleTimeoutNanos) {
        if (c.isOpen(idle >= CHECK_AFTER_IDLE_NANOS)) {
          c.reused = true;
          return c;
        }
        // The key is "p:host:port" or "s:host:port".
        Logs.staleConnection(
            poolKey.substring(2), "closed by the server or out of step while idle");
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
      Connection c = new Connection(channel, watchdog);
      if (tls) {
        SSLSocket ssl = (SSLSocket) tlsFactory.createSocket(channel.socket(), host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(params);
        // The handshake comes before the watchdog watches the request: bound it here.
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
        // From here on the watchdog bounds the request; reads block without a socket timeout.
        ssl.setSoTimeout(0);
        c.setTls(ssl);
      }
      watchdog.register(c);
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
    watchdog.wake();
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

  /**
   * Closes the connection of every request that runs past its deadline. Requests publish their
   * deadline on their connection; the watchdog sleeps until the earliest published deadline, and a
   * request whose deadline comes before that wakes it.
   */
  private final class Watchdog implements Runnable {
    /** How long the watchdog thread lingers without requests in flight before it ends. */
    private final long lingerNanos = TimeUnit.SECONDS.toNanos(1);

    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;
    private volatile boolean sleepingIdle;
    private volatile long wakeAt;

    void register(Connection c) {
      open.add(c);
    }

    void unregister(Connection c) {
      open.remove(c);
    }

    /** Publishes the deadline of the request that starts on {@code c}. */
    void watch(Connection c, long deadline) {
      c.deadline = deadline == Connection.IDLE ? deadline + 1 : deadline;
      Thread t = thread;
      if (t == null) {
        start();
      } else if (sleepingIdle || deadline - wakeAt < 0) {
        LockSupport.unpark(t);
      }
    }

    /** The request on {@code c} has ended. */
    void unwatch(Connection c) {
      c.deadline = Connection.IDLE;
      if (closed) {
        wake(); // let the thread of a closed transport end as soon as nothing is in flight
      }
    }

    void wake() {
      Thread t = thread;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }

    private synchronized void start() {
      if (thread == null) {
        Thread t = new Thread(this, "channels4j-request-timeout");
        t.setDaemon(true);
        t.setContextClassLoader(null); // pin no application's class loader
        thread = t;
        t.start();
      }
    }

    @Override
    public void run() {
      long idleSince = System.nanoTime();
      while (true) {
        long now = System.nanoTime();
        long earliest = scan(now);
        boolean busy = earliest != Connection.IDLE;
        // Publish, then look again: a request that started during the scan either shows up in the
        // second look or sees what was published and wakes this thread.
        sleepingIdle = !busy;
        wakeAt = earliest;
        long again = scan(System.nanoTime());
        if (again != Connection.IDLE && (!busy || again - earliest < 0)) {
          continue;
        }
        if (busy) {
          idleSince = now;
          LockSupport.parkNanos(this, earliest - now);
        } else if (closed || now - idleSince >= lingerNanos) {
          if (retire()) {
            return;
          }
        } else {
          LockSupport.parkNanos(this, lingerNanos - (now - idleSince));
        }
      }
    }

    /**
     * Expires the requests past their deadline and returns the earliest deadline of the others, or
     * {@link Connection#IDLE} when none is in flight.
     */
    private long scan(long now) {
      long earliest = Connection.IDLE;
      for (Connection c : open) {
        long d = c.deadline;
        if (d == Connection.IDLE) {
          continue;
        }
        if (d - now <= 0) {
          c.expireIfStill(d);
        } else if (earliest == Connection.IDLE || d - earliest < 0) {
          earliest = d;
        }
      }
      return earliest;
    }

    /** Ends the thread unless a request started meanwhile; a later request starts a new one. */
    private synchronized boolean retire() {
      thread = null;
      if (scan(System.nanoTime()) != Connection.IDLE) {
        thread = Thread.currentThread();
        return false;
      }
      return true;
    }
  }

  /**
   * One connection: its streams, its read buffer, and the deadline of the request it is serving.
   */
  private static final class Connection {
    /** The deadline of a connection that serves no request. */
    static final long IDLE = 0;

    private static final VarHandle DEADLINE;

    static {
      try {
        DEADLINE = MethodHandles.lookup().findVarHandle(Connection.class, "deadline", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    private final SocketChannel channel;
    private final Watchdog watchdog;

    /** The raw channel's stream, also under TLS: what has arrived unread. */
    private final InputStream rawIn;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] buf = new byte[READ_BUFFER_BYTES];
    int pos;
    int limit;
    volatile long deadline = IDLE;
    volatile boolean expired;
    boolean keepAlive;
    long idleSince;
    boolean reused;

    Connection(SocketChannel channel, Watchdog watchdog) throws IOException {
      this.channel = channel;
      this.watchdog = watchdog;
      this.socket = channel.socket();
      this.rawIn = socket.getInputStream();
      this.in = rawIn;
      this.out = socket.getOutputStream();
    }

    void setTls(SSLSocket ssl) throws IOException {
      this.socket = ssl;
      this.in = ssl.getInputStream();
      this.out = new BufferedOutputStream(ssl.getOutputStream(), 8192);
    }

    /**
     * False when the server has closed the connection or written to it since the last answer. With
     * {@code check}, one system call ({@code FIONREAD} on the raw channel) looks for bytes that
     * arrived since; a close that is not seen here shows up as end-of-stream or a reset when the
     * request is sent, which resends it on a new connection.
     */
    boolean isOpen(boolean check) {
      if (!channel.isOpen() || pos < limit) {
        return false;
      }
      if (!check) {
        return true;
      }
      try {
        return rawIn.available() == 0;
      } catch (IOException e) {
        return false;
      }
    }

    /** Called by the watchdog: closes the connection if it still serves the request it timed. */
    void expireIfStill(long timedDeadline) {
      if (DEADLINE.compareAndSet(this, timedDeadline, IDLE)) {
        expired = true;
        closeQuietly();
      }
    }

    void closeQuietly() {
      watchdog.unregister(this);
      try {
        socket.close();
      } catch (IOException | RuntimeException ignored) {
        // closing anyway (a TLS close_notify may fail on a broken channel)
      }
      try {
        channel.close();
      } catch (IOException ignored) {
        // closing anyway
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
          // Only a long head line gets here: readLine bounds it.
          buf = Arrays.copyOf(buf, Math.min(2 * buf.length, MAX_HEADER_BYTES + 8192));
        }
        if (limit == buf.length) {
          throw new IOException("response head exceeds " + MAX_HEADER_BYTES + " bytes");
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
    private int lineEnd() throws IOException {
      int scanned = 0;
      while (true) {
        for (int i = pos + scanned; i < limit; i++) {
          if (buf[i] == '\n') {
            return i;
          }
        }
        scanned = limit - pos;
        if (scanned > MAX_HEADER_BYTES) {
          throw new IOException("response line exceeds " + MAX_HEADER_BYTES + " bytes");
        }
        if (!fill()) {
          throw new EOFException("connection closed in the middle of the response head");
        }
      }
    }

    /** Reads one LF-terminated line of ISO-8859-1 text, without its CRs. */
    String readLine() throws IOException {
      int lf = lineEnd();
      String line = latin1WithoutCr(buf, pos, lf);
      pos = lf + 1;
      return line;
    }

    /**
     * Reads the header lines up to the blank one, straight from the buffer: names trimmed and in
     * lower case (the common ones as constants), values trimmed, the first value of a name kept.
     * Lines without a colon, or starting with one, are skipped.
     *
     * @param headerBytes the length of the status line, counted against the limit of the head
     * @return the headers, as an immutable map
     */
    Map<String, String> readHeaders(int headerBytes) throws IOException {
      String[] kv = new String[2 * MAX_SMALL_HEADERS];
      int n = 0;
      Map<String, String> more = null;
      while (true) {
        int lf = lineEnd();
        int start = pos;
        int end = lf > start && buf[lf - 1] == '\r' ? lf - 1 : lf;
        pos = lf + 1;
        String name;
        String value;
        if (indexOf(start, end, '\r') >= 0) {
          // A CR inside the line: drop every CR, as the line reader does.
          String line = latin1WithoutCr(buf, start, lf);
          if (line.isEmpty()) {
            break;
          }
          headerBytes = countHeader(headerBytes, line.length());
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
          headerBytes = countHeader(headerBytes, end - start);
          int colon = indexOf(start, end, ':');
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
            name =
                new String(buf, ns, ne - ns, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
          }
          value = new String(buf, vs, ve - vs, StandardCharsets.ISO_8859_1);
        }
        boolean seen = more != null && more.containsKey(name);
        for (int i = 0; i < n && !seen; i += 2) {
          seen = kv[i].equals(name);
        }
        if (seen) {
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

    private static int countHeader(int headerBytes, int lineBytes) throws IOException {
      int total = headerBytes + lineBytes;
      if (total > MAX_HEADER_BYTES) {
        throw new IOException("response headers exceed " + MAX_HEADER_BYTES + " bytes");
      }
      return total;
    }

    private int indexOf(int from, int to, char c) {
      for (int i = from; i < to; i++) {
        if (buf[i] == c) {
          return i;
        }
      }
      return -1;
    }

    private static String latin1WithoutCr(byte[] b, int from, int to) {
      int end = to;
      if (end > from && b[end - 1] == '\r') {
        end--;
      }
      for (int i = from; i < end; i++) {
        if (b[i] == '\r') {
          // A CR inside the line: drop every CR, as a line reader that skips them would.
          StringBuilder sb = new StringBuilder(end - from);
          for (int j = from; j < end; j++) {
            if (b[j] != '\r') {
              sb.append((char) (b[j] & 0xff));
            }
          }
          return sb.toString();
        }
      }
      return new String(b, from, end - from, StandardCharsets.ISO_8859_1);
    }

    /** Reads exactly {@code length} body bytes. */
    byte[] readExactly(int length) throws IOException {
      byte[] body = new byte[length];
      int have = Math.min(length, limit - pos);
      System.arraycopy(buf, pos, body, 0, have);
      pos += have;
      while (have < length) {
        int n = in.read(body, have, length - have);
        if (n < 0) {
          throw new EOFException(
              "response body truncated: got " + have + " of " + length + " bytes");
        }
        have += n;
      }
      return body;
    }

    /** Reads the body of an answer delimited by the server closing the connection. */
    byte[] readToEnd() throws IOException {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(buf, pos, limit - pos);
      pos = limit;
      byte[] chunk = new byte[8192];
      int n;
      while ((n = in.read(chunk)) >= 0) {
        if (body.size() + n > MAX_BODY_BYTES) {
          throw new IOException("response body exceeds " + MAX_BODY_BYTES + " bytes");
        }
        body.write(chunk, 0, n);
      }
      return body.toByteArray();
    }
  }
}
