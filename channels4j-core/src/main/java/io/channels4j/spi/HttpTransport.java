package io.channels4j.spi;

import io.channels4j.internal.JdkHttpClientTransport;
import io.channels4j.internal.http.SocketTransport;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Sends one HTTP request and returns its answer: the seam where a user plugs their own HTTP client.
 *
 * <p>Contract, checked by the transport contract tests ({@code
 * io.channels4j.spi.tck.HttpTransportContract}, published in the {@code tests} jar so that a user's
 * transport can run them too):
 *
 * <ul>
 *   <li>{@link #send} sends the request's bytes exactly and blocks the calling thread until the
 *       whole answer is read;
 *   <li>it honours {@link HttpRequest#timeout()} for the whole exchange (connecting, sending and
 *       reading the entire body), throwing {@link java.net.http.HttpTimeoutException} (or any
 *       {@link java.net.SocketTimeoutException}) when it runs out;
 *   <li>it throws {@link java.net.ConnectException} (or {@link
 *       java.net.http.HttpConnectTimeoutException}) only when the request certainly never left: the
 *       client retries those even for POSTs;
 *   <li>it returns every status code as a response, never as an exception;
 *   <li>it answers a thread interrupt by giving up promptly and closing the connection (throwing
 *       {@link java.io.InterruptedIOException} or an {@link IOException});
 *   <li>it never sends a request twice on its own;
 *   <li>it is thread-safe.
 * </ul>
 *
 * <p>The client that a transport is given to does not close it unless the transport was created by
 * the client's builder.
 */
public interface HttpTransport extends AutoCloseable {

  /**
   * Sends a request and reads the whole answer.
   *
   * @param request the signed request
   * @return the response, whatever its status
   * @throws IOException when no complete answer could be read
   */
  HttpResponse send(HttpRequest request) throws IOException;

  /** Releases pooled connections and threads. The default does nothing. */
  @Override
  default void close() {}

  /**
   * The default transport: HTTP/1.1 over a pool of keep-alive connections, written for this API's
   * small requests. It costs a fraction of the CPU of {@code java.net.http} per request (see
   * BENCHMARKS.md).
   *
   * @param connectTimeout the longest time to wait for a connection
   * @param maxIdleConnections how many idle connections to keep per host
   * @param idleTimeout how long an idle connection may be kept
   * @return a new transport; the caller owns and closes it
   */
  static HttpTransport pooledSockets(
      Duration connectTimeout, int maxIdleConnections, Duration idleTimeout) {
    return new SocketTransport(connectTimeout, maxIdleConnections, idleTimeout);
  }

  /**
   * A transport over the JDK's {@link HttpClient}, for proxies, HTTP/2 or a custom SSL context.
   *
   * @param client the client to send with; the caller keeps owning it
   * @return a transport that does not close {@code client}
   */
  static HttpTransport jdkHttpClient(HttpClient client) {
    return new JdkHttpClientTransport(client);
  }
}
