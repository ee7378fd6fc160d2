package io.channels4j.benchmarks.load.contenders;

import com.pusher.rest.PusherAsync;
import com.pusher.rest.data.Result;
import io.channels4j.benchmarks.BenchInputs;
import io.channels4j.benchmarks.load.Contender;
import io.channels4j.benchmarks.load.Drive;
import io.channels4j.benchmarks.load.Family;
import io.channels4j.benchmarks.load.Target;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The official library's asynchronous client, {@code com.pusher.rest.PusherAsync} (AsyncHttpClient
 * 3 on Netty), as shipped: its connection pool is unbounded by default, so nothing needs raising.
 * {@code trigger(channel, event, data)} builds, signs and sends each request.
 */
public final class PusherHttpJavaAsyncContender implements Contender {
  private volatile PusherAsync pusher;

  /** Creates the contender. */
  public PusherHttpJavaAsyncContender() {}

  @Override
  public String name() {
    return "official-async";
  }

  @Override
  public String description() {
    return "pusher-http-java 1.3.4 PusherAsync (AsyncHttpClient 3, Netty), as shipped";
  }

  @Override
  public Family family() {
    return Family.OFFICIAL;
  }

  @Override
  public Drive drive(int concurrency) {
    return Drive.ASYNC;
  }

  @Override
  public void setUp(Target target, int concurrency) {
    PusherAsync p = new PusherAsync(target.appId(), target.key(), target.secret());
    p.setHost(target.hostAndPort());
    pusher = p;
  }

  @Override
  public CompletableFuture<?> sendAsync() {
    return pusher
        .trigger(
            BenchInputs.TRIGGER_CHANNEL, BenchInputs.TRIGGER_EVENT, BenchInputs.TRIGGER_DATA_OBJECT)
        .thenApply(PusherHttpJavaAsyncContender::check);
  }

  @Override
  public void close() throws IOException {
    PusherAsync p = pusher;
    pusher = null;
    if (p != null) {
      PusherHttpJavaSyncContender.closeQuietly(p);
    }
  }

  private static Result check(Result result) {
    if (result.getStatus() != Result.Status.SUCCESS) {
      throw new CompletionException(
          new IOException(
              "trigger failed: "
                  + result.getStatus()
                  + " "
                  + result.getHttpStatus()
                  + " "
                  + result.getMessage()));
    }
    return result;
  }
}
