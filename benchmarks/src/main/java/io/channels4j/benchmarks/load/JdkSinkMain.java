package io.channels4j.benchmarks.load;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Entry point of the fallback sink's child JVM: a JDK HttpServer on 127.0.0.1 answering 200 {@code
 * {}}. Prints {@code port N}, then serves until its parent stops it by pid, or its maximum lifetime
 * (the first argument, in seconds) runs out.
 */
public final class JdkSinkMain {
  private static final byte[] RESPONSE = "{}".getBytes(StandardCharsets.US_ASCII);

  private JdkSinkMain() {}

  /**
   * Runs the sink.
   *
   * @param args {@code [maxLifetimeSeconds]}
   * @throws IOException if the server cannot bind
   * @throws InterruptedException if interrupted while serving
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    long maxLifetimeSeconds = args.length > 0 ? Long.parseLong(args[0]) : 600;
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
    ExecutorService executor = Executors.newFixedThreadPool(2);
    server.setExecutor(executor);
    server.createContext("/", JdkSinkMain::answer);
    server.start();
    System.out.println("port " + server.getAddress().getPort());
    System.out.flush();
    Thread.sleep(maxLifetimeSeconds * 1000);
    server.stop(0);
    executor.shutdownNow();
  }

  static void answer(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
    }
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, RESPONSE.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(RESPONSE);
    }
  }
}
