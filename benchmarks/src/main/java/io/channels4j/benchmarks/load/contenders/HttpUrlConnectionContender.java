package io.channels4j.benchmarks.load.contenders;

import io.channels4j.benchmarks.load.Contender;
import io.channels4j.benchmarks.load.Drive;
import io.channels4j.benchmarks.load.Family;
import io.channels4j.benchmarks.load.PreSignedTrigger;
import io.channels4j.benchmarks.load.Target;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Instant;

/**
 * {@link HttpURLConnection} sending the pre-signed trigger through the JDK's keep-alive cache. The
 * load driver raises that cache ({@code http.maxConnections}, default 5) to at least the
 * concurrency before anything runs, so connections are reused at c=32 as well.
 *
 * <p>The body is buffered by the connection (its default), not streamed with {@code
 * setFixedLengthStreamingMode}: for a streamed POST the JDK probes every reused keep-alive
 * connection with a 1 ms read timeout first ({@code sun.net.www.http.HttpClient.available()}),
 * which adds about 1 ms to every request. The default mode is both the common usage and the faster
 * one here.
 */
public final class HttpUrlConnectionContender implements Contender {
  private static final int TIMEOUT_MILLIS = 10_000;

  private volatile URL url;
  private volatile byte[] body;

  /** Creates the contender. */
  public HttpUrlConnectionContender() {}

  @Override
  public String name() {
    return "jdk-httpurlconnection";
  }

  @Override
  public String description() {
    return "java.net.HttpURLConnection, pre-signed request, keep-alive cache raised to the"
        + " concurrency";
  }

  @Override
  public Family family() {
    return Family.JDK;
  }

  @Override
  public Drive drive(int concurrency) {
    return Drive.BLOCKING;
  }

  @Override
  public void setUp(Target target, int concurrency) throws IOException {
    PreSignedTrigger trigger = PreSignedTrigger.sign(target, Instant.now().getEpochSecond());
    url = trigger.uri(target).toURL();
    body = trigger.body();
  }

  @Override
  public void send() throws IOException {
    HttpURLConnection connection = (HttpURLConnection) url.openConnection();
    connection.setRequestMethod("POST");
    connection.setConnectTimeout(TIMEOUT_MILLIS);
    connection.setReadTimeout(TIMEOUT_MILLIS);
    connection.setDoOutput(true);
    connection.setRequestProperty("Content-Type", "application/json");
    try (OutputStream out = connection.getOutputStream()) {
      out.write(body);
    }
    int status = connection.getResponseCode();
    if (status != 200) {
      connection.disconnect();
      throw new IOException("status " + status);
    }
    // Reading to the end and closing returns the connection to the keep-alive cache.
    try (InputStream in = connection.getInputStream()) {
      in.readAllBytes();
    }
  }

  @Override
  public void close() {
    // Idle connections stay in the JDK-wide keep-alive cache until nginx closes them.
  }
}
