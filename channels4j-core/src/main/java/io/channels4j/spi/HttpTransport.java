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
 *       whole answer is read; it skips interim (1xx) answers and returns the final one;
 *   <li>it honours {@link HttpRequest#timeout()} for the whole exchange (name resolution,
 *       connecting, TLS, sending and reading the entire body), throwing {@link
 *       java.net.http.HttpTimeoutException} (or any {@link java.net.SocketTimeoutException}) when
 *       it runs out;
 *   <li>it throws {@link java.net.ConnectException} (or {@link
 *       java.net.http.HttpConnectTimeoutException}) only when the request certainly was not
 *       received in full (not connected, or the write failed before its last byte): the client
 *       retries those even for POSTs. Any other {@link IOException} means the request may have been
 *       processed;
 *   <li>it never sends a request twice on its own, except when it knows the server cannot have read
 *       the first copy;
 *   <li>it returns every final status code as a response, never as an exception;
 *   <li>it refuses headers it is given that hold CR, LF or other control characters, and sets
 *       {@code Host}, {@code Content-Length} and {@code Transfer-Encoding} itself; it refuses
 *       before sending anything, with a {@link java.net.ConnectException}, so that the client
 *       reports the request as not sent;
 *   <li>it bounds the size of the answer it reads;
 *   <li>it answers a thread interrupt by giving up promptly and closing the connection (throwing
 *       {@link java.io.InterruptedIOException} or an {@link IOException});
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
   * small requests; it sends and reads on the calling thread and does not speak HTTP/2. It uses
   * {@link java.net.ProxySelector#getDefault()}, the default TLS context and a 1 MiB response cap;
   * {@code Pusher.Builder} sets those for the transport it creates. The caller owns it and must
   * {@link #close()} it to release its connections and its timeout thread.
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
   * A transport over the JDK's {@link HttpClient}, for HTTP/2 or settings only it has. Response
   * bodies are capped at 1 MiB.
   *
   * @param client the client to send with; the caller keeps owning it
   * @return a transport that does not close {@code client}
   */
  static HttpTransport jdkHttpClient(HttpClient client) {
    return new JdkHttpClientTransport(client);
  }

  /**
   * A transport over the JDK's {@link HttpClient} with its own response cap.
   *
   * @param client the client to send with; the caller keeps owning it
   * @param maxResponseBytes the largest response body read; a larger one fails with an {@link
   *     IOException} and its connection is dropped
   * @return a transport that does not close {@code client}
   */
  static HttpTransport jdkHttpClient(HttpClient client, int maxResponseBytes) {
    return new JdkHttpClientTransport(client, maxResponseBytes);
  }
}
