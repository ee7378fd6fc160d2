package io.channels4j.benchmarks.load.contenders;

import com.pusher.rest.Pusher;
import com.pusher.rest.data.Result;
import io.channels4j.benchmarks.BenchInputs;
import io.channels4j.benchmarks.load.Contender;
import io.channels4j.benchmarks.load.Drive;
import io.channels4j.benchmarks.load.Family;
import io.channels4j.benchmarks.load.Target;
import java.io.IOException;
import org.apache.http.impl.conn.PoolingHttpClientConnectionManager;

/**
 * The official library's blocking client, {@code com.pusher.rest.Pusher} (Apache HttpClient 4.5),
 * called from {@code concurrency} threads: {@code trigger(channel, event, data)} builds, signs and
 * sends each request.
 *
 * <p>Two configurations: the connection pool raised to the concurrency (what a tuned application
 * does), and as shipped (Apache's pool default of 2 connections per route, so at c=32 threads queue
 * for a connection; run at c=32 only, since at c=1 it equals the raised pool).
 */
public final class PusherHttpJavaSyncContender implements Contender {
  private final boolean raisedPool;
  private volatile Pusher pusher;

  /**
   * Creates the contender.
   *
   * @param raisedPool true to size the connection pool to the concurrency, false for the default
   */
  public PusherHttpJavaSyncContender(boolean raisedPool) {
    this.raisedPool = raisedPool;
  }

  @Override
  public String name() {
    return raisedPool ? "official-sync" : "official-sync-default-pool";
  }

  @Override
  public String description() {
    return "pusher-http-java 1.3.4 Pusher (Apache HttpClient 4.5), "
        + (raisedPool ? "connection pool raised to the concurrency" : "as shipped (2 per route)");
  }

  @Override
  public Family family() {
    return Family.OFFICIAL;
  }

  @Override
  public Drive drive(int concurrency) {
    return raisedPool || concurrency > 2 ? Drive.BLOCKING : Drive.SKIP;
  }

  @Override
  public void setUp(Target target, int concurrency) {
    Pusher p = new Pusher(target.appId(), target.key(), target.secret());
    p.setHost(target.hostAndPort());
    if (raisedPool) {
      PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
      pool.setMaxTotal(Math.max(concurrency, 20));
      pool.setDefaultMaxPerRoute(concurrency);
      p.configureHttpClient(Pusher.defaultHttpClientBuilder().setConnectionManager(pool));
    }
    pusher = p;
  }

  @Override
  public void send() throws IOException {
    Result result =
        pusher.trigger(
            BenchInputs.TRIGGER_CHANNEL,
            BenchInputs.TRIGGER_EVENT,
            BenchInputs.TRIGGER_DATA_OBJECT);
    if (result.getStatus() != Result.Status.SUCCESS) {
      throw new IOException(
          "trigger failed: "
              + result.getStatus()
              + " "
              + result.getHttpStatus()
              + " "
              + result.getMessage());
    }
  }

  @Override
  public void close() throws IOException {
    Pusher p = pusher;
    pusher = null;
    if (p != null) {
      closeQuietly(p);
    }
  }

  static void closeQuietly(AutoCloseable closeable) throws IOException {
    try {
      closeable.close();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }
}
