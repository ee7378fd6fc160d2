package io.channels4j.benchmarks.load;

import static io.channels4j.benchmarks.BenchInputs.APP_ID;
import static io.channels4j.benchmarks.BenchInputs.KEY;
import static io.channels4j.benchmarks.BenchInputs.SECRET;
import static io.channels4j.benchmarks.BenchInputs.TRIGGER_CHANNEL;
import static io.channels4j.benchmarks.BenchInputs.TRIGGER_DATA_OBJECT;
import static io.channels4j.benchmarks.BenchInputs.TRIGGER_EVENT;

import io.channels4j.Pusher;
import io.channels4j.RetryPolicy;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.consumer.RecordingStream;

/**
 * Many concurrent blocking triggers: {@code --concurrency} tasks (default 1,000) that each call
 * {@code pusher.trigger} in a loop until {@code --requests} triggers are done, on a new virtual
 * thread each, or on a fixed pool of {@code --platform-threads} platform threads (default 200, a
 * servlet container's default), against nginx on 127.0.0.1 (the JDK sink when nginx is absent). Per
 * run: triggers/s, the process CPU time per trigger, failures, and the {@code
 * jdk.VirtualThreadPinned} events JFR saw (a virtual thread blocked while pinned to its carrier,
 * e.g. in a monitor held over I/O on JDK 21-23). Needs JDK 21 or later.
 */
public final class BlockingTriggers {
  private BlockingTriggers() {}

  /**
   * Runs the comparison.
   *
   * @param args {@code [--concurrency N] [--platform-threads N] [--requests N] [--rounds N]}
   * @return the exit status: 0, or 2 when a trigger failed
   * @throws Exception if the sink cannot start
   */
  public static int run(String[] args) throws Exception {
    int concurrency = 1000;
    int platformThreads = 200;
    int requests = 40_000;
    int rounds = 3;
    for (int i = 0; i + 1 < args.length; i += 2) {
      int value = Integer.parseInt(args[i + 1]);
      switch (args[i]) {
        case "--concurrency" -> concurrency = value;
        case "--platform-threads" -> platformThreads = value;
        case "--requests" -> requests = value;
        case "--rounds" -> rounds = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    boolean failed = false;
    try (Sink sink =
            Files.isExecutable(NginxSink.DEFAULT_BINARY)
                ? NginxSink.start(NginxSink.DEFAULT_BINARY, 1)
                : JdkSink.start(600);
        RecordingStream jfr = new RecordingStream()) {
      AtomicLong pinned = new AtomicLong();
      jfr.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO);
      jfr.onEvent("jdk.VirtualThreadPinned", e -> pinned.incrementAndGet());
      jfr.startAsync();
      System.out.printf(
          "sink: %s; %d triggers per run, %d tasks, platform pool %d threads, JDK %s%n",
          sink.description(), requests, concurrency, platformThreads, Runtime.version());
      for (int round = 0; round < rounds; round++) {
        String[] order =
            round % 2 == 0
                ? new String[] {"platform", "virtual"}
                : new String[] {"virtual", "platform"};
        for (String kind : order) {
          failed |= runOnce(sink.port(), kind, concurrency, platformThreads, requests, pinned);
        }
      }
    }
    return failed ? 2 : 0;
  }

  private static boolean runOnce(
      int port, String kind, int concurrency, int platformThreads, int requests, AtomicLong pinned)
      throws Exception {
    try (Pusher pusher =
        Pusher.builder()
            .appId(APP_ID)
            .key(KEY)
            .secret(SECRET)
            .host("127.0.0.1")
            .port(port)
            .useTls(false)
            .maxRequestsInFlight(Math.min(1024, concurrency))
            .retryPolicy(RetryPolicy.none())
            .build()) {
      // Warm-up: connections opened, code compiled.
      drive(pusher, kind, concurrency, platformThreads, requests / 4);
      long pinnedBefore = pinned.get();
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      long failures = drive(pusher, kind, concurrency, platformThreads, requests);
      long wall = System.nanoTime() - start;
      cpu = processCpuNanos() - cpu;
      System.out.printf(
          Locale.ROOT,
          "[blocking] threads=%s triggersPerSec=%.0f cpuUsPerTrigger=%.1f failures=%d pinned=%d%n",
          kind,
          requests / (wall / 1e9),
          cpu / 1e3 / requests,
          failures,
          pinned.get() - pinnedBefore);
      return failures > 0;
    }
  }

  private static long drive(
      Pusher pusher, String kind, int concurrency, int platformThreads, int requests)
      throws Exception {
    ExecutorService executor =
        kind.equals("virtual")
            ? (ExecutorService)
                Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null)
            : Executors.newFixedThreadPool(platformThreads);
    AtomicLong left = new AtomicLong(requests);
    AtomicLong failures = new AtomicLong();
    try {
      List<Future<?>> tasks = new ArrayList<>(concurrency);
      for (int i = 0; i < concurrency; i++) {
        tasks.add(
            executor.submit(
                () -> {
                  while (left.getAndDecrement() > 0) {
                    try {
                      pusher.trigger(TRIGGER_CHANNEL, TRIGGER_EVENT, TRIGGER_DATA_OBJECT);
                    } catch (RuntimeException e) {
                      failures.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : tasks) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      executor.shutdownNow();
    }
    return failures.get();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
