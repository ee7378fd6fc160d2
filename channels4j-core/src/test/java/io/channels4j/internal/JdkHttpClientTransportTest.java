package io.channels4j.internal;

import io.channels4j.spi.HttpTransport;
import io.channels4j.spi.tck.HttpTransportContract;
import java.net.http.HttpClient;
import java.time.Duration;

class JdkHttpClientTransportTest extends HttpTransportContract {

  @Override
  protected HttpTransport newTransport(Duration connectTimeout) {
    return HttpTransport.jdkHttpClient(
        HttpClient.newBuilder().connectTimeout(connectTimeout).build());
  }

  /**
   * JDK 17's HttpClient fails (never resends) a POST that races a server closing the connection.
   */
  @Override
  protected boolean resendsRequestsOnStaleConnections() {
    return false;
  }
}
