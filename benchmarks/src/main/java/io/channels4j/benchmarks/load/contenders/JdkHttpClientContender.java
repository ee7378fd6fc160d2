package io.channels4j.benchmarks.load.contenders;

import io.channels4j.benchmarks.load.Contender;
import io.channels4j.benchmarks.load.Drive;
import io.channels4j.benchmarks.load.Family;
import io.channels4j.benchmarks.load.PreSignedTrigger;
import io.channels4j.benchmarks.load.Target;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code java.net.http.HttpClient} sending the pre-signed trigger: {@code send} at concurrency 1,
 * {@code sendAsync} above. HTTP/1.1 is set explicitly: with the default (HTTP/2) the client adds an
 * h2c upgrade offer to every cleartext request, which no Pusher endpoint accepts.
 */
public final class JdkHttpClientContender implements Contender {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private volatile HttpClient client;
  private volatile HttpRequest request;

  /** Creates the contender. */
  public JdkHttpClientContender() {}

  @Override
  public String name() {
    return "jdk-httpclient";
  }

  @Override
  public String description() {
    return "java.net.http.HttpClient (HTTP/1.1), pre-signed request; send at c=1, sendAsync above";
  }

  @Override
  public Family family() {
    return Family.JDK;
  }

  @Override
  public Drive drive(int concurrency) {
    return concurrency == 1 ? Drive.BLOCKING : Drive.ASYNC;
  }

  @Override
  public void setUp(Target target, int concurrency) {
    PreSignedTrigger trigger = PreSignedTrigger.sign(target, Instant.now().getEpochSecond());
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    request =
        HttpRequest.newBuilder(trigger.uri(target))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(trigger.body()))
            .build();
  }

  @Override
  public void send() throws IOException, InterruptedException {
    check(client.send(request, BodyHandlers.ofByteArray()));
  }

  @Override
  public CompletableFuture<?> sendAsync() {
    return client
        .sendAsync(request, BodyHandlers.ofByteArray())
        .thenApply(JdkHttpClientContender::checkAsync);
  }

  @Override
  public void close() {
    // JDK 17's HttpClient has no close(): its selector thread ends once the client is unreachable.
    client = null;
    request = null;
  }

  private static void check(HttpResponse<byte[]> response) throws IOException {
    if (response.statusCode() != 200) {
      throw new IOException("status " + response.statusCode());
    }
  }

  private static HttpResponse<byte[]> checkAsync(HttpResponse<byte[]> response) {
    try {
      check(response);
      return response;
    } catch (IOException e) {
      throw new CompletionException(e);
    }
  }
}
