package io.channels4j.testkit.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's threads, with a read deadline: a request whose line, headers and body are not all
 * read in time has its thread interrupted, which closes its connection (the JDK server reads from
 * an interruptible channel) and frees the thread. Without it, a few half-sent requests would hold
 * every thread of the pool forever.
 *
 * <p>The deadline starts when the JDK server hands a connection with data to a thread and ends when
 * the handler calls {@link #readFinished()}; handling and answering are not limited.
 */
public final class DeadlineExecutor implements Executor {
  private final ExecutorService pool;
  private final ScheduledExecutorService watchdog;
  private final long timeoutNanos;
  private final Map<Thread, Long> reading = new HashMap<>(); // guarded by itself

  /**
   * Starts the threads and the watchdog.
   *
   * @param threads how many requests are handled at once
   * @param readTimeout how long reading one request may take
   * @param name the threads' name prefix
   */
  public DeadlineExecutor(int threads, Duration readTimeout, String name) {
    this.timeoutNanos = readTimeout.toNanos();
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, name + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, name + "-read-deadline");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(10, Math.min(1000, readTimeout.toMillis() / 10));
    watchdog.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.MILLISECONDS);
  }

  @Override
  public void execute(Runnable exchange) {
    pool.execute(
        () -> {
          Thread self = Thread.currentThread();
          synchronized (reading) {
            reading.put(self, System.nanoTime() + timeoutNanos);
          }
          try {
            exchange.run();
          } finally {
            readFinished();
            Thread.interrupted(); // a late deadline must not leak into the next request
          }
        });
  }

  /** Ends the calling thread's read deadline: the request was read in full. */
  public void readFinished() {
    synchronized (reading) {
      reading.remove(Thread.currentThread());
    }
  }

  private void expire() {
    long now = System.nanoTime();
    synchronized (reading) {
      for (Iterator<Map.Entry<Thread, Long>> it = reading.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<Thread, Long> e = it.next();
        if (now - e.getValue() >= 0) {
          it.remove();
          e.getKey().interrupt();
        }
      }
    }
  }

  /** Stops the threads and the watchdog. */
  public void shutdown() {
    watchdog.shutdownNow();
    pool.shutdownNow();
  }
}
