package io.channels4j.spi.tck;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An HTTP/1.1 server on a raw {@link ServerSocket} at 127.0.0.1 that misbehaves on purpose, for
 * transport and retry tests.
 *
 * <p>Each request is answered by the next {@link Behaviour} of the script ({@link #enqueue}), or by
 * the fallback ({@link #setFallback}, a 200 {@code {}} answer by default) once the script is empty.
 * The server counts accepted connections, requests received in full and connections still open (a
 * connection is closed when either side closed it), so tests can check that nothing was sent twice
 * and nothing leaked.
 */
public final class FaultyServer implements AutoCloseable {
  private static final Duration HOLD_LIMIT = Duration.ofSeconds(30);

  private final ServerSocket serverSocket;
  private final SSLContext tls;
  private final Thread acceptor;
  private final Deque<Behaviour> script = new ConcurrentLinkedDeque<>();
  private final BlockingQueue<RecordedRequest> received = new LinkedBlockingQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Set<Thread> handlers = ConcurrentHashMap.newKeySet();
  private volatile Behaviour fallback = Behaviour.respond(200, "{}");
  private volatile Duration idleTimeout;
  private volatile boolean resetIdle;
  private volatile boolean silent;
  private volatile Duration drip;
  private volatile boolean closed;

  private FaultyServer(SSLContext tls) throws IOException {
    this.tls = tls;
    this.serverSocket = new ServerSocket();
    serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    this.acceptor = new Thread(this::acceptLoop, "faulty-server-accept-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Starts a plain HTTP server on an ephemeral port of 127.0.0.1.
   *
   * @return the running server
   */
  public static FaultyServer start() {
    try {
      return new FaultyServer(null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts an HTTPS server on an ephemeral port of 127.0.0.1.
   *
   * @param tls the server's TLS context, holding its key and certificate
   * @return the running server
   */
  public static FaultyServer startTls(SSLContext tls) {
    try {
      return new FaultyServer(tls);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns a port of 127.0.0.1 where nothing listens, so connecting is refused.
   *
   * @return a port that was free a moment ago
   */
  public static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Returns the port.
   *
   * @return the port the server listens on
   */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /**
   * Returns a URI on this server.
   *
   * @param pathAndQuery e.g. {@code /apps/1/events?a=b}
   * @return {@code http://127.0.0.1:PORT} (or https) followed by the path
   */
  public URI uri(String pathAndQuery) {
    return URI.create((tls != null ? "https" : "http") + "://127.0.0.1:" + port() + pathAndQuery);
  }

  /**
   * Adds behaviours for the next requests, in order.
   *
   * @param behaviours one per request
   * @return this server
   */
  public FaultyServer enqueue(Behaviour... behaviours) {
    script.addAll(List.of(behaviours));
    return this;
  }

  /**
   * Sets the behaviour used once the script is empty.
   *
   * @param behaviour the behaviour
   * @return this server
   */
  public FaultyServer setFallback(Behaviour behaviour) {
    this.fallback = behaviour;
    return this;
  }

  /**
   * Closes keep-alive connections that stay idle longer than {@code timeout}, as servers and load
   * balancers do.
   *
   * @param timeout the idle time after an answer
   * @param reset true to close with a TCP reset (SO_LINGER 0) instead of a normal close
   * @return this server
   */
  public FaultyServer closeIdleConnectionsAfter(Duration timeout, boolean reset) {
    this.idleTimeout = timeout;
    this.resetIdle = reset;
    return this;
  }

  /**
   * Accepts connections but never reads a request nor answers (not even a TLS handshake); each
   * connection stays open until the client closes it.
   *
   * @return this server
   */
  public FaultyServer silentOnAccept() {
    this.silent = true;
    return this;
  }

  /**
   * On each connection, before any TLS handshake, writes the start of a TLS handshake record (its
   * header announces 16 KiB) one byte per {@code interval}: a peer whose handshake never ends
   * although bytes keep arriving. Stops after 30 s or when the client closes.
   *
   * @param interval the pause before each byte
   * @return this server
   */
  public FaultyServer dripHandshake(Duration interval) {
    this.drip = interval;
    return this;
  }

  /**
   * Returns how many requests were received in full.
   *
   * @return the count of requests received
   */
  public int requestCount() {
    return requests.get();
  }

  /**
   * Returns how many connections were accepted.
   *
   * @return the count of connections accepted
   */
  public int connectionCount() {
    return connections.get();
  }

  /**
   * Returns how many connections are open: accepted and not yet closed by either side.
   *
   * @return the count of open connections
   */
  public int openConnections() {
    return open.get();
  }

  /**
   * Takes the next request received, waiting for it.
   *
   * @param timeout the longest wait
   * @return the request
   * @throws AssertionError when no request arrives in time
   */
  public RecordedRequest takeRequest(Duration timeout) {
    try {
      RecordedRequest r = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (r == null) {
        throw new AssertionError("no request received within " + timeout);
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a request", e);
    }
  }

  /**
   * Waits until the number of requests received reaches {@code count}.
   *
   * @param count the number to reach
   * @param timeout the longest wait
   * @return true when it was reached
   */
  public boolean awaitRequests(int count, Duration timeout) {
    return await(() -> requests.get() >= count, timeout);
  }

  /**
   * Waits until no more than {@code count} connections are open.
   *
   * @param count the number to get down to
   * @param timeout the longest wait
   * @return true when it was reached
   */
  public boolean awaitOpenConnectionsAtMost(int count, Duration timeout) {
    return await(() -> open.get() <= count, timeout);
  }

  /**
   * Polls a condition every 5 ms until it holds or the time runs out.
   *
   * @param condition the condition
   * @param timeout the longest wait
   * @return whether the condition held
   */
  public static boolean await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  /** Stops accepting, closes every connection and waits (boundedly) for the handler threads. */
  @Override
  public void close() {
    closed = true;
    try {
      serverSocket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    handlers.forEach(Thread::interrupt);
    joinQuietly(acceptor);
    for (Thread t : handlers) {
      joinQuietly(t);
    }
  }

  private static void joinQuietly(Thread t) {
    try {
      t.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket raw;
      try {
        raw = serverSocket.accept();
      } catch (IOException e) {
        return;
      }
      try {
        raw.setTcpNoDelay(true); // a head and a body written apart must not wait for an ACK
      } catch (SocketException e) {
        closeQuietly(raw);
        continue;
      }
      int index = connections.incrementAndGet();
      open.incrementAndGet();
      sockets.add(raw);
      Thread t = new Thread(() -> serve(raw, index), "faulty-server-conn-" + port() + "-" + index);
      t.setDaemon(true);
      handlers.add(t);
      t.start();
    }
  }

  private void serve(Socket raw, int index) {
    try {
      if (silent) {
        drainUntilClosed(raw.getInputStream());
        return;
      }
      Duration interval = drip;
      if (interval != null) {
        drip(raw, interval);
        return;
      }
      Socket socket = raw;
      if (tls != null) {
        SSLSocket ssl =
            (SSLSocket)
                tls.getSocketFactory()
                    .createSocket(raw, null, raw.getPort(), /* autoClose= */ true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        socket = ssl;
      }
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      OutputStream out = socket.getOutputStream();
      boolean first = true;
      while (!closed) {
        Duration idle = idleTimeout;
        raw.setSoTimeout(!first && idle != null ? (int) Math.max(1, idle.toMillis()) : 0);
        int b;
        try {
          b = in.read();
        } catch (SocketTimeoutException e) {
          if (resetIdle) {
            raw.setSoLinger(true, 0);
            raw.close();
          }
          return;
        }
        if (b < 0) {
          return;
        }
        raw.setSoTimeout(0);
        first = false;
        Behaviour behaviour = script.pollFirst();
        if (behaviour == null) {
          behaviour = fallback;
        }
        Exchange exchange = new Exchange(raw, in, out, readRequest(in, b, index, behaviour));
        if (!behaviour.answer(exchange)) {
          return;
        }
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // The client went away, or the behaviour broke the connection on purpose.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(raw);
      if (sockets.remove(raw)) {
        open.decrementAndGet();
      }
      handlers.remove(Thread.currentThread());
    }
  }

  private RecordedRequest readRequest(InputStream in, int first, int index, Behaviour behaviour)
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
    if (behaviour.readsBody()) {
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
    RecordedRequest request =
        new RecordedRequest(parts[0], parts[1], Map.copyOf(headers), body, index);
    requests.incrementAndGet();
    received.add(request);
    return request;
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

  private static void drip(Socket raw, Duration interval) throws IOException, InterruptedException {
    // A handshake record header (type 22, TLS 1.2, 16384 bytes), then a ServerHello that never
    // ends.
    byte[] start = {22, 3, 3, 0x40, 0x00, 2, 0, 0x3f, (byte) 0xfc, 3, 3};
    OutputStream out = raw.getOutputStream();
    long end = System.nanoTime() + HOLD_LIMIT.toNanos();
    for (int i = 0; System.nanoTime() - end < 0; i++) {
      Thread.sleep(interval.toMillis());
      out.write(i < start.length ? start[i] : 0x42);
      out.flush();
    }
  }

  private static void drainUntilClosed(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    while (in.read(buf) >= 0) {
      // discard
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  /**
   * One request as the server received it.
   *
   * @param method the method
   * @param target the raw request target: path and query, exactly as sent
   * @param headers the headers, names in lower case
   * @param body the body bytes (empty when the behaviour did not read the body)
   * @param connection which accepted connection carried it, from 1
   */
  public record RecordedRequest(
      String method, String target, Map<String, String> headers, byte[] body, int connection) {

    /**
     * Returns the path of the target.
     *
     * @return the raw path, without the query
     */
    public String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    /**
     * Returns a query parameter, percent-decoded.
     *
     * @param name the parameter name
     * @return the first value, or null
     */
    public String queryParameter(String name) {
      int q = target.indexOf('?');
      if (q < 0) {
        return null;
      }
      for (String pair : target.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        if (key.equals(name)) {
          return java.net.URLDecoder.decode(
              eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
      }
      return null;
    }

    /**
     * Returns the body as UTF-8 text.
     *
     * @return the body text
     */
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** The request being answered and the connection to answer it on. */
  public static final class Exchange {
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

    /**
     * Blocks until the client closes the connection, discarding what it sends.
     *
     * @throws IOException when the connection breaks
     */
    public void drainUntilClosed() throws IOException {
      FaultyServer.drainUntilClosed(in);
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

  /** Ends a connection early: {@link Exchange#reset} or {@link Exchange#close}. */
  @FunctionalInterface
  private interface Ending {
    void end(Exchange exchange) throws IOException;
  }

  /** How the server answers one request. */
  @FunctionalInterface
  public interface Behaviour {

    /**
     * Answers a request.
     *
     * @param exchange the request and its connection
     * @return true to keep the connection open for the next request
     * @throws IOException when the connection breaks
     * @throws InterruptedException when the server is closing
     */
    boolean answer(Exchange exchange) throws IOException, InterruptedException;

    /**
     * Whether the server reads the request body before answering.
     *
     * @return true unless the behaviour wants the body left unread
     */
    default boolean readsBody() {
      return true;
    }

    /**
     * Answers with a Content-Length body and keeps the connection open.
     *
     * @param status the status
     * @param body the body text (UTF-8)
     * @param headerPairs extra headers: name, value, name, value...
     * @return the behaviour
     */
    static Behaviour respond(int status, String body, String... headerPairs) {
      return respond(status, body.getBytes(StandardCharsets.UTF_8), headerPairs);
    }

    /**
     * Answers with a Content-Length body and keeps the connection open.
     *
     * @param status the status
     * @param body the body bytes
     * @param headerPairs extra headers: name, value, name, value...
     * @return the behaviour
     */
    static Behaviour respond(int status, byte[] body, String... headerPairs) {
      return e -> {
        e.writeHead(status, withLength(body.length, headerPairs));
        e.write(body);
        return true;
      };
    }

    /**
     * Answers with a chunked body, one chunk per argument, and keeps the connection open.
     *
     * @param status the status
     * @param chunks the chunks (UTF-8)
     * @return the behaviour
     */
    static Behaviour respondChunked(int status, String... chunks) {
      return e -> {
        e.writeHead(status, "Content-Type", "application/json", "Transfer-Encoding", "chunked");
        for (String chunk : chunks) {
          byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
          e.write(Integer.toHexString(bytes.length) + ";ext=1\r\n");
          e.write(bytes);
          e.write("\r\n");
        }
        e.write("0\r\nX-Trailer: yes\r\n\r\n");
        return true;
      };
    }

    /**
     * Answers with {@code Connection: close} and a Content-Length body, then closes.
     *
     * @param status the status
     * @param body the body text
     * @return the behaviour
     */
    static Behaviour respondAndClose(int status, String body) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      return e -> {
        e.writeHead(status, withLength(bytes.length, "Connection", "close"));
        e.write(bytes);
        return false;
      };
    }

    /**
     * Answers with {@code Connection: close} and a body delimited by closing the connection (no
     * Content-Length, not chunked).
     *
     * @param status the status
     * @param body the body text
     * @return the behaviour
     */
    static Behaviour respondUntilClose(int status, String body) {
      return e -> {
        e.writeHead(status, "Connection", "close", "Content-Type", "application/json");
        e.write(body.getBytes(StandardCharsets.UTF_8));
        return false;
      };
    }

    /**
     * Answers like a keep-alive server, then closes the connection at once without saying so.
     *
     * @param status the status
     * @param body the body text
     * @return the behaviour
     */
    static Behaviour respondThenCloseSilently(int status, String body) {
      Behaviour answer = respond(status, body);
      return e -> {
        answer.answer(e);
        e.close();
        return false;
      };
    }

    /**
     * Answers like a keep-alive server, then waits for the next request on the connection and
     * resets the connection as its first byte arrives, without reading it: a server's idle timeout
     * firing just as the client reuses the connection. The dropped request is not counted.
     *
     * @param status the status
     * @param body the body text
     * @return the behaviour
     */
    static Behaviour respondThenDropNextRequest(int status, String body) {
      Behaviour answer = respond(status, body);
      return e -> {
        answer.answer(e);
        if (e.in.read() >= 0) {
          e.reset();
        }
        return false;
      };
    }

    /**
     * Sends the head and half the declared body, then resets the connection.
     *
     * @param status the status
     * @param body the full body the head declares
     * @return the behaviour
     */
    static Behaviour resetMidResponse(int status, String body) {
      return halfBodyThen(status, body, Exchange::reset);
    }

    /**
     * Sends the head and half the declared body, then closes the connection normally.
     *
     * @param status the status
     * @param body the full body the head declares
     * @return the behaviour
     */
    static Behaviour truncatedBody(int status, String body) {
      return halfBodyThen(status, body, Exchange::close);
    }

    /**
     * Sends the head at once, then the body one byte at a time.
     *
     * @param status the status
     * @param body the body
     * @param perByte the pause before each byte
     * @return the behaviour
     */
    static Behaviour slowBody(int status, String body, Duration perByte) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      return e -> {
        e.writeHead(status, withLength(bytes.length));
        for (byte b : bytes) {
          Thread.sleep(perByte.toMillis());
          e.write(new byte[] {b});
        }
        return true;
      };
    }

    /**
     * Waits, then behaves as {@code then}.
     *
     * @param delay the wait before answering
     * @param then the answer
     * @return the behaviour
     */
    static Behaviour delayed(Duration delay, Behaviour then) {
      return e -> {
        Thread.sleep(delay.toMillis());
        return then.answer(e);
      };
    }

    /**
     * Waits until {@code gate} opens (at most 30 s), then behaves as {@code then}.
     *
     * @param gate the latch to wait for
     * @param then the answer
     * @return the behaviour
     */
    static Behaviour holdUntil(CountDownLatch gate, Behaviour then) {
      return e -> {
        if (!gate.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          return false;
        }
        return then.answer(e);
      };
    }

    /**
     * Reads the request and never answers; the connection stays open until the client closes it.
     *
     * @return the behaviour
     */
    static Behaviour neverAnswer() {
      return e -> {
        e.drainUntilClosed();
        return false;
      };
    }

    /**
     * Reads the request head only and leaves the body unread for {@code stall}, so a client sending
     * a large body blocks once the socket buffers are full; then reads and discards everything
     * until the client closes. Never answers.
     *
     * @param stall how long to leave the body unread (longer than the client's timeout)
     * @return the behaviour
     */
    static Behaviour stallWithoutReadingBody(Duration stall) {
      return new Behaviour() {
        @Override
        public boolean answer(Exchange e) throws IOException, InterruptedException {
          Thread.sleep(stall.toMillis());
          e.drainUntilClosed();
          return false;
        }

        @Override
        public boolean readsBody() {
          return false;
        }
      };
    }

    /**
     * Reads the request and closes the connection without answering.
     *
     * @return the behaviour
     */
    static Behaviour closeWithoutAnswer() {
      return e -> {
        e.close();
        return false;
      };
    }

    /**
     * Sends interim answers (1xx) with the given codes, then behaves as {@code then}.
     *
     * @param then the final answer
     * @param codes the interim codes, e.g. 100, 102, 103
     * @return the behaviour
     */
    static Behaviour interimThen(Behaviour then, int... codes) {
      return e -> {
        for (int code : codes) {
          e.write(
              "HTTP/1.1 "
                  + code
                  + " Interim\r\n"
                  + (code == 103 ? "Link: </style.css>; rel=preload; as=style\r\n" : "")
                  + "\r\n");
        }
        return then.answer(e);
      };
    }

    /**
     * Answers {@code 101 Switching Protocols} and then waits for the client to close.
     *
     * @return the behaviour
     */
    static Behaviour switchProtocols() {
      return e -> {
        e.write(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
        e.drainUntilClosed();
        return false;
      };
    }

    /**
     * Reads the request in full, then resets the connection (TCP RST) without answering.
     *
     * @return the behaviour
     */
    static Behaviour readThenReset() {
      return e -> {
        e.reset();
        return false;
      };
    }

    /**
     * Writes raw text as the answer and keeps the connection open.
     *
     * @param text the whole answer, head and body, as sent
     * @return the behaviour
     */
    static Behaviour raw(String text) {
      return e -> {
        e.write(text);
        return true;
      };
    }

    /**
     * Answers a body of {@code size} bytes, framed by Content-Length, by chunks, or by closing,
     * written 64 KiB at a time until done or the client goes away.
     *
     * @param size the body size
     * @param framing {@code "length"}, {@code "chunked"} or {@code "close"}
     * @return the behaviour
     */
    static Behaviour hugeBody(long size, String framing) {
      return e -> {
        switch (framing) {
          case "length" -> e.writeHead(200, "Content-Length", Long.toString(size));
          case "chunked" -> e.writeHead(200, "Transfer-Encoding", "chunked");
          default -> e.writeHead(200, "Connection", "close");
        }
        byte[] piece = new byte[64 * 1024];
        java.util.Arrays.fill(piece, (byte) 'x');
        for (long sent = 0; sent < size; sent += piece.length) {
          if (framing.equals("chunked")) {
            e.write(Integer.toHexString(piece.length) + "\r\n");
            e.write(piece);
            e.write("\r\n");
          } else {
            e.write(piece);
          }
        }
        if (framing.equals("chunked")) {
          e.write("0\r\n\r\n");
        }
        return !framing.equals("close");
      };
    }

    /** Sends the head and half the declared body, then ends the connection as {@code end} does. */
    private static Behaviour halfBodyThen(int status, String body, Ending end) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      return e -> {
        e.writeHead(status, withLength(bytes.length));
        e.write(java.util.Arrays.copyOf(bytes, bytes.length / 2));
        end.end(e);
        return false;
      };
    }

    private static String[] withLength(int length, String... headerPairs) {
      List<String> all = new ArrayList<>(List.of(headerPairs));
      all.add("Content-Length");
      all.add(Integer.toString(length));
      if (!all.contains("Content-Type")) {
        all.add("Content-Type");
        all.add("application/json");
      }
      return all.toArray(String[]::new);
    }
  }

  /**
   * Fills the accept queue of a listening socket that never accepts, so that new connections
   * neither succeed nor fail: connecting hangs until the client's connect timeout.
   */
  public static final class Unreachable implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> fillers = new ArrayList<>();

    /**
     * Opens the listener and fills its backlog.
     *
     * @throws IOException when the socket cannot be opened
     */
    public Unreachable() throws IOException {
      listener = new ServerSocket();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
      for (int i = 0; i < 16; i++) {
        Socket s = new Socket();
        try {
          s.connect(listener.getLocalSocketAddress(), 100);
          fillers.add(s);
        } catch (SocketTimeoutException e) {
          closeQuietly(s);
          return;
        } catch (SocketException e) {
          closeQuietly(s);
          throw e;
        }
      }
      close();
      throw new IOException("the listen backlog did not fill up after 16 connections");
    }

    /**
     * Returns the port.
     *
     * @return the port whose connections hang
     */
    public int port() {
      return listener.getLocalPort();
    }

    @Override
    public void close() {
      fillers.forEach(FaultyServer::closeQuietly);
      try {
        listener.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
