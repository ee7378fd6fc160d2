package io.channels4j.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Runs one contender at one concurrency: set up, warm up, measure for a fixed time, close.
 *
 * <p>{@link Drive#BLOCKING}: {@code concurrency} threads each call {@link Contender#send()} in a
 * loop. {@link Drive#ASYNC}: {@code concurrency} chains, each issuing its next {@link
 * Contender#sendAsync()} from the completion of the previous one (a closed loop with no driver
 * thread, so the harness adds no thread hand-off per request; the next request is started on
 * whatever thread the library completes futures on).
 *
 * <p>Only requests that complete inside the measurement window count, and the CPU clocks are read
 * at the window's edges. Every loop is bounded both by time (the window) and by a request count.
 */
final class LoadRunner {
  /** Upper bound on requests per run, far above what this machine can do in a window. */
  private static final long MAX_REQUESTS = 200_000_000L;

  private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final long DRAIN_MILLIS = 30_000;

  /** Nested synchronous completions on one thread before the next request is handed off. */
  private static final int MAX_CHAIN_DEPTH = 16;

  /** Warm-up goes on while JIT compilation takes more than this share of one core... */
  private static final long JIT_QUIET_PERCENT = 5;

  /** ...measured over probes this long. */
  private static final long JIT_PROBE_MILLIS = 250;

  private static final int WARMUP = 0;
  private static final int MEASURE = 1;
  private static final int STOP = 2;

  private final Contender contender;
  private final int concurrency;
  private final Drive drive;
  private final Recorder latencies = new Recorder(MAX_LATENCY_NANOS, 3);
  private final LongAdder completed = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicLong issued = new AtomicLong();
  private final AtomicReference<Throwable> firstError = new AtomicReference<>();
  private final ThreadLocal<int[]> chainDepth = ThreadLocal.withInitial(() -> new int[1]);
  private volatile int phase = WARMUP;
  private CountDownLatch chainsDone;
  private ExecutorService trampoline;

  private LoadRunner(Contender contender, int concurrency, Drive drive) {
    this.contender = contender;
    this.concurrency = concurrency;
    this.drive = drive;
  }

  /**
   * Runs one measurement.
   *
   * @param round round number, for the result
   * @param contender the contender
   * @param concurrency requests in flight
   * @param target the sink
   * @param sinkPids the sink's processes, for its CPU time
   * @param warmup the shortest warm-up
   * @param warmupMax the longest warm-up: between the two, warm-up goes on while the JIT compiler
   *     is still busy (more than {@value #JIT_QUIET_PERCENT}% of a core over {@value
   *     #JIT_PROBE_MILLIS} ms)
   * @param measure measurement time
   * @return the result
   * @throws Exception if the contender cannot be set up
   */
  static RunResult run(
      int round,
      Contender contender,
      int concurrency,
      Target target,
      List<Long> sinkPids,
      Duration warmup,
      Duration warmupMax,
      Duration measure)
      throws Exception {
    Drive drive = contender.drive(concurrency);
    if (drive == Drive.SKIP) {
      throw new IllegalArgumentException(contender.name() + " does not run at c=" + concurrency);
    }
    return new LoadRunner(contender, concurrency, drive)
        .execute(round, target, sinkPids, warmup, warmupMax, measure);
  }

  private RunResult execute(
      int round,
      Target target,
      List<Long> sinkPids,
      Duration warmup,
      Duration warmupMax,
      Duration measure)
      throws Exception {
    contender.setUp(target, concurrency);
    SystemStats.Window window;
    double warmupSeconds;
    try {
      long warmupStart = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      if (drive == Drive.BLOCKING) {
        for (int i = 0; i < concurrency; i++) {
          threads.add(start("load-" + contender.name() + "-" + i, this::blockingLoop));
        }
      } else {
        chainsDone = new CountDownLatch(concurrency);
        // Chains start on (and, past MAX_CHAIN_DEPTH, hop to) pool threads, never on this one,
        // which must stay free to end the window.
        trampoline = Executors.newCachedThreadPool(r -> daemon("load-" + contender.name(), r));
        for (int i = 0; i < concurrency; i++) {
          trampoline.execute(this::issue);
        }
      }
      warmUp(warmup, warmupMax);
      warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
      SystemStats.Snapshot begin = SystemStats.snapshot(sinkPids);
      phase = MEASURE;
      Thread.sleep(measure.toMillis());
      phase = STOP;
      SystemStats.Snapshot end = SystemStats.snapshot(sinkPids);
      window = SystemStats.between(begin, end);
      for (Thread t : threads) {
        t.join(DRAIN_MILLIS);
        if (t.isAlive()) {
          error(new IllegalStateException(t.getName() + " still running after the window"));
        }
      }
      if (chainsDone != null && !chainsDone.await(DRAIN_MILLIS, TimeUnit.MILLISECONDS)) {
        error(new IllegalStateException("requests still in flight after the window"));
      }
    } finally {
      if (trampoline != null) {
        trampoline.shutdownNow();
      }
      try {
        contender.close();
      } catch (Exception e) {
        System.err.println("warning: closing " + contender.name() + " failed: " + e);
      }
    }
    Histogram histogram = latencies.getIntervalHistogram();
    long requests = completed.sum();
    Throwable error = firstError.get();
    return new RunResult(
        round,
        contender.name(),
        contender.family(),
        concurrency,
        drive,
        requests,
        errors.sum(),
        window.seconds(),
        requests / window.seconds(),
        histogram.getValueAtPercentile(50) / 1e3,
        histogram.getValueAtPercentile(99) / 1e3,
        requests == 0 ? Double.NaN : window.clientCpuNanos() / 1e3 / requests,
        window.clientCores(),
        window.sinkCores(),
        window.otherCores(),
        SystemStats.loadAverage1(),
        warmupSeconds,
        window.jitMillis(),
        window.gcMillis(),
        error == null ? "" : error.toString());
  }

  /**
   * Sleeps for the shortest warm-up, then on in {@value #JIT_PROBE_MILLIS} ms steps while the JIT
   * compiler is busy, up to the longest: compilation during the window would be counted as the
   * contender's CPU time.
   */
  private static void warmUp(Duration min, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    Thread.sleep(min.toMillis());
    while (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JIT_PROBE_MILLIS) <= deadline) {
      long before = SystemStats.jitMillis();
      Thread.sleep(JIT_PROBE_MILLIS);
      long compiled = SystemStats.jitMillis() - before;
      if (before < 0 || compiled * 100 <= JIT_PROBE_MILLIS * JIT_QUIET_PERCENT) {
        return;
      }
    }
  }

  private void blockingLoop() {
    for (long i = 0; i < MAX_REQUESTS && phase != STOP; i++) {
      long start = System.nanoTime();
      try {
        contender.send();
        complete(start);
      } catch (Throwable e) {
        error(e);
        pauseAfterError();
      }
    }
  }

  /**
   * Issues the next request of one asynchronous chain, or ends the chain once the window is over. A
   * request that completes before its callback is attached completes here, in the loop, not by
   * recursion; a callback that runs synchronously nests at most {@link #MAX_CHAIN_DEPTH} deep
   * before the next request is handed to another thread.
   */
  private void issue() {
    while (true) {
      if (phase == STOP || issued.incrementAndGet() > MAX_REQUESTS) {
        chainsDone.countDown();
        return;
      }
      long start = System.nanoTime();
      CompletableFuture<?> future;
      try {
        future = contender.sendAsync();
      } catch (Throwable e) {
        error(e);
        pauseAfterError();
        continue;
      }
      if (future.isDone()) {
        record(future, start);
        continue;
      }
      future.whenComplete((result, failure) -> onComplete(failure, start));
      return;
    }
  }

  private void onComplete(Throwable failure, long start) {
    if (failure == null) {
      complete(start);
    } else {
      error(failure);
    }
    int[] depth = chainDepth.get();
    if (depth[0] >= MAX_CHAIN_DEPTH) {
      trampoline.execute(this::issue);
      return;
    }
    depth[0]++;
    try {
      issue();
    } finally {
      depth[0]--;
    }
  }

  private void record(CompletableFuture<?> done, long start) {
    try {
      done.join();
      complete(start);
    } catch (RuntimeException e) {
      error(e);
      pauseAfterError();
    }
  }

  private void complete(long startNanos) {
    if (phase == MEASURE) {
      long nanos = System.nanoTime() - startNanos;
      latencies.recordValue(Math.min(Math.max(nanos, 0), MAX_LATENCY_NANOS));
      completed.increment();
    }
  }

  private void error(Throwable e) {
    errors.increment();
    firstError.compareAndSet(null, e);
  }

  private static void pauseAfterError() {
    try {
      Thread.sleep(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread start(String name, Runnable body) {
    Thread t = daemon(name, body);
    t.start();
    return t;
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    return t;
  }
}
