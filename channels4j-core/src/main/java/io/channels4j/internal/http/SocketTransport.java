package io.channels4j.internal.http;

import io.channels4j.internal.Logs;
import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * HTTP/1.1 over a pool of keep-alive connections, written for small JSON requests: the default
 * transport.
 *
 * <p>Why not {@code java.net.http}: measured here it spends several times the CPU of a raw socket
 * per request (thread hand-offs dominate a loopback exchange). This transport sends and reads on
 * the calling thread: on a reused connection one write (head and body together) and usually one
 * read. Interrupting the calling thread closes the connection and ends a blocked call at once.
 *
 * <p><b>At most once.</b> A request is sent a second time only when the server certainly cannot
 * have read it: the connection taken from the pool failed before the request was written in full.
 * After a complete write, any failure (end of stream, reset, timeout) is reported as an {@link
 * IOException} that is not a {@link java.net.ConnectException}: the request may have been
 * processed. Failures before that are a {@link NotSentException} (a {@code ConnectException}).
 * Stale connections are made rare instead of retried: the pool keeps them only while the answer
 * allowed it ({@code Connection: close}), for less than the client's idle timeout and the server's
 * {@code Keep-Alive: timeout}, and checks one idle for a while for a close or stray bytes.
 *
 * <p><b>One deadline per attempt</b> covers name resolution, connect, proxy tunnel, TLS handshake,
 * write and read; the {@link DeadlineWatchdog} closes the channel of an attempt past it.
 */
public final class SocketTransport implements HttpTransport {
  private final TransportConfig config;
  private final ConnectionPool pool;
  private final DeadlineWatchdog watchdog = new DeadlineWatchdog();
  private final Connector connector;
  private volatile Endpoint lastEndpoint;
  private volatile boolean closed;

  /**
   * Creates a transport with default proxy, TLS and response-size settings.
   *
   * @param connectTimeout the longest wait for a new connection
   * @param maxIdle how many idle connections to keep in all
   * @param idleTimeout how long an idle connection may be kept
   */
  public SocketTransport(Duration connectTimeout, int maxIdle, Duration idleTimeout) {
    this(TransportConfig.defaults(connectTimeout, maxIdle, idleTimeout));
  }

  /**
   * Creates a transport.
   *
   * @param config the settings
   */
  public SocketTransport(TransportConfig config) {
    this.config = config;
    this.pool = new ConnectionPool(config.maxIdle(), config.idleTimeout().toNanos());
    this.connector = new Connector(config, watchdog);
  }

  @Override
  public HttpResponse send(HttpRequest request) throws IOException {
    if (closed) {
      throw new NotSentException("transport is closed", null);
    }
    long deadline = System.nanoTime() + request.timeout().toNanos();
    Endpoint ep = endpoint(request.origin());
    String target = request.target();
    RequestWriter.checkTarget(target);
    RequestWriter.checkHeaders(request.headers());

    Connection reused = pool.borrow(ep.poolKey());
    if (reused != null) {
      try {
        return exchange(reused, ep, request, deadline);
      } catch (NotSentException e) {
        if (reused.expired || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        // The pooled connection failed before the request was written in full: the server cannot
        // have acted on it, so it goes once more on a new connection.
        Logs.staleConnection(
            ep.poolKey().substring(2),
            "failed before the request was written in full; sending it on a new connection");
      }
    }
    Connection fresh = connector.connect(ep, deadline);
    return exchange(fresh, ep, request, deadline);
  }

  /** The endpoint of an origin, parsed once for the origin a client uses for every request. */
  private Endpoint endpoint(String origin) throws NotSentException {
    Endpoint last = lastEndpoint;
    if (last != null && last.origin().equals(origin)) {
      return last;
    }
    try {
      Endpoint ep = Endpoint.parse(origin);
      lastEndpoint = ep;
      return ep;
    } catch (IllegalArgumentException e) {
      throw new NotSentException(e.getMessage(), e);
    }
  }

  private HttpResponse exchange(Connection c, Endpoint ep, HttpRequest request, long deadline)
      throws IOException {
    boolean done = false;
    watchdog.watch(c, deadline);
    try {
      if (deadline - System.nanoTime() <= 0) {
        throw new NotSentException(
            "request timed out before it was sent",
            new SocketTimeoutException("request timed out"));
      }
      write(c, ep, request);
      HttpResponse response;
      try {
        response = ResponseReader.read(c, request.method(), config.maxResponseBytes());
      } catch (IOException e) {
        throw sentButNoAnswer(c, e);
      }
      done = true;
      return response;
    } finally {
      watchdog.unwatch(c);
      if (done && !c.expired) {
        pool.release(ep.poolKey(), c);
      } else {
        c.closeQuietly();
      }
    }
  }

  /** Writes the request: one call for a small one, head then body for a large one. */
  private static void write(Connection c, Endpoint ep, HttpRequest request) throws IOException {
    byte[] body = request.body();
    boolean coalesce = body.length <= RequestWriter.COALESCED_BODY_BYTES;
    byte[] wire =
        RequestWriter.encode(
            request.method(),
            c.proxyTargetPrefix,
            request.target(),
            ep.hostHeader(),
            request.headers(),
            c.proxyAuthorization == null ? null : "Proxy-Authorization",
            c.proxyAuthorization,
            body,
            coalesce);
    try {
      c.out.write(wire);
      if (!coalesce) {
        c.out.write(body);
      }
      c.out.flush();
    } catch (IOException e) {
      // The request was not handed over in full: the server cannot have acted on it.
      if (c.expired) {
        SocketTimeoutException timeout =
            new SocketTimeoutException("request timed out while it was being sent");
        timeout.initCause(e);
        throw new NotSentException("request timed out before it was sent in full", timeout);
      }
      throw new NotSentException("connection failed while sending the request: " + e, e);
    }
  }

  /** The failure of an attempt whose request was written in full: it may have been processed. */
  private static IOException sentButNoAnswer(Connection c, IOException e) {
    if (c.expired) {
      SocketTimeoutException timeout = new SocketTimeoutException("request timed out");
      timeout.initCause(e);
      return timeout;
    }
    if (e instanceof java.net.ConnectException) {
      return new IOException("no answer after the request was sent: " + e.getMessage(), e);
    }
    return e;
  }

  @Override
  public void close() {
    closed = true;
    pool.close();
    watchdog.close();
  }

  /** Number of idle pooled connections, for tests that check nothing leaks. */
  int idleConnections() {
    return pool.idle();
  }

  /** Whether the watchdog thread runs, for tests. */
  boolean watchdogRunning() {
    return watchdog.running();
  }
}
