package io.channels4j.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens connections: resolves the name, connects (directly or to an HTTP proxy), opens a CONNECT
 * tunnel through the proxy for TLS, and does the TLS handshake with hostname verification. Each
 * step is bounded by the attempt's deadline, through the {@link DeadlineWatchdog} (connect, tunnel,
 * handshake) or a bounded wait (name resolution, which no close can interrupt). Every failure here
 * is a {@link NotSentException}: nothing of the request has been written yet.
 */
final class Connector {
  /** Resolves host names off the calling thread, so that the wait can end at the deadline. */
  private static final ExecutorService RESOLVER = resolverPool();

  private final TransportConfig config;
  private final DeadlineWatchdog watchdog;
  private final SSLSocketFactory tlsFactory;
  private final String proxyAuthorization;

  Connector(TransportConfig config, DeadlineWatchdog watchdog) {
    this.config = config;
    this.watchdog = watchdog;
    SSLContext context = config.sslContext();
    if (context == null) {
      try {
        context = SSLContext.getDefault();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("no default TLS context", e);
      }
    }
    this.tlsFactory = context.getSocketFactory();
    this.proxyAuthorization =
        config.proxyUser() == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (config.proxyUser() + ':' + config.proxyPassword())
                            .getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Opens a connection to {@code ep}, ready for a request.
   *
   * @param deadline the attempt's deadline ({@link System#nanoTime()} based)
   * @throws NotSentException on any failure, with a {@link SocketTimeoutException} cause when the
   *     deadline or the connect timeout ran out
   */
  Connection connect(Endpoint ep, long deadline) throws NotSentException {
    long now = System.nanoTime();
    long connectDeadline = now + Math.min(deadline - now, config.connectTimeout().toNanos());
    Proxy proxy = selectProxy(ep);
    InetSocketAddress to =
        proxy == null
            ? InetSocketAddress.createUnresolved(ep.host(), ep.port())
            : (InetSocketAddress) proxy.address();
    String where =
        proxy == null ? ep.hostHeader() : "proxy " + to.getHostString() + ":" + to.getPort();
    SocketChannel channel;
    try {
      channel = SocketChannel.open();
    } catch (IOException e) {
      throw new NotSentException("cannot open a socket: " + e.getMessage(), e);
    }
    Connection c = new Connection(channel, watchdog);
    watchdog.register(c);
    String phase = "resolving " + to.getHostString();
    boolean connected = false;
    try {
      watchdog.watch(c, connectDeadline);
      InetAddress address = resolve(to.getHostString(), connectDeadline);
      phase = "connecting to " + where;
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.connect(new InetSocketAddress(address, to.getPort()));
      watchdog.watch(c, deadline); // from here on only the request's deadline counts
      c.usePlain();
      if (proxy != null) {
        if (ep.tls()) {
          phase = "opening a tunnel to " + ep.hostHeader() + " through " + where;
          tunnel(c, ep);
        } else {
          c.proxyTargetPrefix = "http://" + ep.hostHeader();
          c.proxyAuthorization = proxyAuthorization;
        }
      }
      if (ep.tls()) {
        phase = "TLS handshake with " + ep.hostHeader();
        handshake(c, ep);
      }
      connected = true;
      return c;
    } catch (NotSentException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      if (c.expired || e instanceof SocketTimeoutException) {
        boolean connecting = phase.startsWith("connecting") || phase.startsWith("resolving");
        long ms = TimeUnit.NANOSECONDS.toMillis((connecting ? connectDeadline : deadline) - now);
        SocketTimeoutException timeout =
            new SocketTimeoutException(phase + " timed out after " + ms + " ms");
        timeout.initCause(e);
        throw new NotSentException(phase + " timed out after " + ms + " ms", timeout);
      }
      if (e instanceof ClosedByInterruptException || Thread.currentThread().isInterrupted()) {
        throw new NotSentException(phase + " was interrupted", e);
      }
      throw new NotSentException(phase + " failed: " + e.getMessage(), e);
    } finally {
      if (!connected) {
        watchdog.unwatch(c);
        c.closeQuietly();
      }
    }
  }

  /** The HTTP proxy for this endpoint, or null to connect directly. */
  private Proxy selectProxy(Endpoint ep) throws NotSentException {
    ProxySelector selector =
        config.proxySelector() != null ? config.proxySelector() : ProxySelector.getDefault();
    if (selector == null) {
      return null;
    }
    List<Proxy> proxies;
    try {
      proxies = selector.select(ep.proxyLookupUri());
    } catch (RuntimeException e) {
      throw new NotSentException("the proxy selector failed: " + e, e);
    }
    for (Proxy p : proxies == null ? List.<Proxy>of() : proxies) {
      if (p.type() == Proxy.Type.DIRECT) {
        return null;
      }
      if (p.type() == Proxy.Type.HTTP && p.address() instanceof InetSocketAddress) {
        return p;
      }
      if (p.type() == Proxy.Type.SOCKS) {
        throw new NotSentException(
            "a SOCKS proxy was selected for "
                + ep.hostHeader()
                + "; the built-in transport supports HTTP proxies only",
            null);
      }
    }
    return null;
  }

  /** Resolves a host, waiting at most until the deadline. */
  private static InetAddress resolve(String host, long deadline) throws IOException {
    if (isLiteral(host)) {
      return InetAddress.getByName(host); // parses, never looks up
    }
    CompletableFuture<InetAddress> lookup = new CompletableFuture<>();
    ((Executor) RESOLVER)
        .execute(
            () -> {
              try {
                lookup.complete(InetAddress.getByName(host));
              } catch (UnknownHostException | RuntimeException e) {
                lookup.completeExceptionally(e);
              }
            });
    try {
      return lookup.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new SocketTimeoutException("name resolution timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while resolving " + host);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownHostException u) {
        throw new UnknownHostException("unknown host " + host + ": " + u.getMessage());
      }
      throw new IOException("resolving " + host + " failed", e.getCause());
    }
  }

  private static boolean isLiteral(String host) {
    if (host.indexOf(':') >= 0) {
      return true; // IPv6
    }
    for (int i = 0; i < host.length(); i++) {
      char ch = host.charAt(i);
      if (!(ch >= '0' && ch <= '9') && ch != '.') {
        return false;
      }
    }
    return true;
  }

  /** Asks the proxy for a tunnel to {@code ep}: {@code CONNECT host:port}, 2xx expected. */
  private void tunnel(Connection c, Endpoint ep) throws IOException {
    String authority = ep.host().indexOf(':') >= 0 ? "[" + ep.host() + "]" : ep.host();
    authority += ":" + ep.port();
    StringBuilder head =
        new StringBuilder("CONNECT ")
            .append(authority)
            .append(" HTTP/1.1\r\nHost: ")
            .append(authority)
            .append("\r\n");
    if (proxyAuthorization != null) {
      head.append("Proxy-Authorization: ").append(proxyAuthorization).append("\r\n");
    }
    c.out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    c.out.flush();
    ResponseReader.Head answer = ResponseReader.readHead(c);
    if (answer.status() < 200 || answer.status() > 299) {
      throw new NotSentException(
          "the proxy refused a tunnel to "
              + authority
              + " with HTTP "
              + answer.status()
              + (answer.status() == 407 || answer.status() == 401
                  ? (proxyAuthorization == null
                      ? " (it asks for credentials: set proxy authentication)"
                      : " (it refused the credentials)")
                  : ""),
          null);
    }
    if (c.pos != c.limit) {
      throw new NotSentException("the proxy sent bytes after accepting the tunnel", null);
    }
    c.pos = 0;
    c.limit = 0;
  }

  private void handshake(Connection c, Endpoint ep) throws IOException {
    SSLSocket ssl =
        (SSLSocket) tlsFactory.createSocket(c.channel.socket(), ep.host(), ep.port(), true);
    SSLParameters params =
        config.sslParameters() != null
            ? TransportConfig.copy(config.sslParameters())
            : ssl.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS"); // hostname verification, always
    ssl.setSSLParameters(params);
    ssl.startHandshake();
    c.useTls(ssl);
  }

  private static ExecutorService resolverPool() {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            64,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread t = new Thread(r, "channels4j-resolver");
              t.setDaemon(true);
              t.setContextClassLoader(null);
              return t;
            });
    return pool;
  }
}
