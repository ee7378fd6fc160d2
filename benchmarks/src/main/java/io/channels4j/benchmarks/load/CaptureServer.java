package io.channels4j.benchmarks.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JDK HttpServer on 127.0.0.1 that records every request it receives, exactly as received, and
 * answers 200 {@code {}} like the sink. Used by the {@link Verifier}.
 */
final class CaptureServer implements AutoCloseable {
  private static final byte[] RESPONSE = "{}".getBytes(StandardCharsets.US_ASCII);

  /**
   * One request as received.
   *
   * @param method HTTP method
   * @param rawPath path, not decoded
   * @param rawQuery query, not decoded (null when absent)
   * @param contentType Content-Type header or null
   * @param body body bytes
   */
  record Captured(
      String method, String rawPath, String rawQuery, String contentType, byte[] body) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final BlockingQueue<Captured> received = new LinkedBlockingQueue<>();

  CaptureServer() throws IOException {
    // TCP_NODELAY for the JDK server (read once, when its config class loads): no delayed-ACK
    // stalls.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(executor);
    server.createContext("/", this::capture);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** The next captured request, or null after the timeout. */
  Captured take(long timeoutMillis) throws InterruptedException {
    return received.poll(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Forgets everything received so far. */
  void clear() {
    received.clear();
  }

  private void capture(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    received.add(
        new Captured(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            exchange.getRequestURI().getRawQuery(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            body));
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, RESPONSE.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(RESPONSE);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
