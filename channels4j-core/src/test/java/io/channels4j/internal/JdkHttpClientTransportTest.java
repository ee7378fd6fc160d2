package io.channels4j.internal;

import io.channels4j.spi.HttpTransport;
import io.channels4j.spi.tck.HttpTransportContract;
import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import javax.net.ssl.SSLContext;

class JdkHttpClientTransportTest extends HttpTransportContract {

  @Override
  protected HttpTransport newTransport(Duration connectTimeout) {
    // HttpClient uses no proxy unless told: give it the default selector, as the contract asks.
    return HttpTransport.jdkHttpClient(
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .proxy(ProxySelector.getDefault())
            .build());
  }

  @Override
  protected HttpTransport newTransport(
      Duration connectTimeout,
      SSLContext tls,
      ProxySelector proxy,
      String proxyUser,
      String proxyPassword) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .sslContext(tls)
            .proxy(proxy != null ? proxy : ProxySelector.getDefault());
    if (proxyUser != null) {
      b.authenticator(
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return getRequestorType() == RequestorType.PROXY
                  ? new PasswordAuthentication(proxyUser, proxyPassword.toCharArray())
                  : null;
            }
          });
    }
    return HttpTransport.jdkHttpClient(b.build());
  }

  /** JDK 17's HttpClient: see the contract's javadoc of this method for what it does not check. */
  @Override
  protected boolean parsesStrictly() {
    return false;
  }

  /** On JDK 25 the HttpClient keeps a refused chunked answer's connection while it drains it. */
  @Override
  protected boolean closesRefusedConnections() {
    return false;
  }
}
