package io.channels4j.spi.tck;

import java.io.BufferedInputStream;
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
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;

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
  static final Duration HOLD_LIMIT = Duration.ofSeconds(30);

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
      RequestReader.closeQuietly(s);
    }
    handlers.forEach(Thread::interrupt);
    joinQuietly(acceptor);
    for (Thread t : handlers) {
      joinQuietly(t);
    }
  }

  private RecordedRequest record(RecordedRequest request) {
    requests.incrementAndGet();
    received.add(request);
    return request;
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
        RequestReader.closeQuietly(raw);
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
        RequestReader.drainUntilClosed(raw.getInputStream());
        return;
      }
      Duration interval = drip;
      if (interval != null) {
        TlsFaults.dripHandshake(raw, interval, HOLD_LIMIT);
        return;
      }
      Socket socket = raw;
      if (tls != null) {
        socket = TlsFaults.serverSide(tls, raw);
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
        Exchange exchange =
            new Exchange(
                raw, in, out, record(RequestReader.read(in, b, index, behaviour.readsBody())));
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
      RequestReader.closeQuietly(raw);
      if (sockets.remove(raw)) {
        open.decrementAndGet();
      }
      handlers.remove(Thread.currentThread());
    }
  }
}
