package io.channels4j.internal;

import io.channels4j.spi.HttpTransport;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The transport and the async executor of a client, and which of them the client owns: those it
 * created it closes; those passed in (by the caller, or shared from another client) it leaves open.
 */
public final class ClientResources implements AutoCloseable {
  private final HttpTransport transport;
  private final Executor executor;
  private final boolean ownsTransport;
  private final boolean ownsExecutor;

  private ClientResources(
      HttpTransport transport, boolean ownsTransport, Executor executor, boolean ownsExecutor) {
    this.transport = transport;
    this.ownsTransport = ownsTransport;
    this.executor = executor;
    this.ownsExecutor = ownsExecutor;
  }

  /**
   * Takes the given transport and executor, or creates (and then owns) the default ones.
   *
   * @param transport a transport not to close, or null for the default
   * @param builtIn makes the default transport, which the client then owns
   * @param executor an executor not to shut down, or null for the default
   * @param maxInFlight the default executor's threads, and the default transport's idle connections
   * @param maxQueued how many async calls the default executor queues before refusing more
   * @return the resources
   */
  public static ClientResources of(
      @Nullable HttpTransport transport,
      Supplier<HttpTransport> builtIn,
      @Nullable Executor executor,
      int maxInFlight,
      int maxQueued) {
    boolean ownsTransport = transport == null;
    boolean ownsExecutor = executor == null;
    return new ClientResources(
        ownsTransport ? builtIn.get() : transport,
        ownsTransport,
        ownsExecutor ? defaultExecutor(maxInFlight, maxQueued) : executor,
        ownsExecutor);
  }

  /**
   * The transport requests go through.
   *
   * @return the transport
   */
  public HttpTransport transport() {
    return transport;
  }

  /**
   * The executor async calls run on.
   *
   * @return the executor
   */
  public Executor executor() {
    return executor;
  }

  /**
   * A bounded pool of daemon threads that refuses work when its queue is full, so that a burst of
   * async calls fails fast instead of growing memory without bound; idle threads end after 30 s.
   */
  private static ExecutorService defaultExecutor(int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "channels4j-async-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            factory,
            (r, e) -> {
              throw new RejectedExecutionException(
                  queue + " requests queued and " + threads + " in flight");
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Releases what this client created; a no-op for what it was given. */
  @Override
  public void close() {
    if (ownsExecutor && executor instanceof ExecutorService service) {
      // Fail the futures of queued calls that will never run, instead of leaving them pending.
      AsyncCalls.abandon(service.shutdownNow());
    }
    if (ownsTransport) {
      transport.close();
    }
  }
}
