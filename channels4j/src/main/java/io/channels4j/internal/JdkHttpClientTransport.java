package io.channels4j.internal;

import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A transport over {@link HttpClient}, for users who need proxies, HTTP/2 or their own TLS. */
public final class JdkHttpClientTransport implements HttpTransport {
  private final HttpClient client;

  /**
   * Wraps a client the caller keeps owning.
   *
   * @param client the client
   */
  public JdkHttpClientTransport(HttpClient client) {
    this.client = client;
  }

  @Override
  public HttpResponse send(HttpRequest request) throws IOException {
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder(request.uri()).timeout(request.timeout());
    request.headers().forEach(b::header);
    if ("GET".equals(request.method())) {
      b.GET();
    } else {
      b.method(request.method(), BodyPublishers.ofByteArray(request.body()));
    }
    try {
      java.net.http.HttpResponse<byte[]> r = client.send(b.build(), BodyHandlers.ofByteArray());
      Map<String, String> headers = new HashMap<>();
      for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
        if (!h.getValue().isEmpty()) {
          headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().get(0));
        }
      }
      return new HttpResponse(r.statusCode(), headers, r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException ie = new InterruptedIOException("request interrupted");
      ie.initCause(e);
      throw ie;
    }
  }
}
