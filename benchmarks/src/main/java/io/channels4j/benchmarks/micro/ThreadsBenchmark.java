package io.channels4j.benchmarks.micro;

import static io.channels4j.benchmarks.BenchInputs.APP_ID;
import static io.channels4j.benchmarks.BenchInputs.KEY;
import static io.channels4j.benchmarks.BenchInputs.PRESENCE_CHANNEL;
import static io.channels4j.benchmarks.BenchInputs.PRIVATE_CHANNEL;
import static io.channels4j.benchmarks.BenchInputs.SECRET;
import static io.channels4j.benchmarks.BenchInputs.SOCKET_ID;
import static io.channels4j.benchmarks.BenchInputs.TRIGGER_CHANNEL;
import static io.channels4j.benchmarks.BenchInputs.TRIGGER_DATA_OBJECT;
import static io.channels4j.benchmarks.BenchInputs.TRIGGER_EVENT;
import static io.channels4j.benchmarks.BenchInputs.USER_ID;
import static io.channels4j.benchmarks.BenchInputs.USER_INFO;
import static io.channels4j.benchmarks.BenchInputs.WEBHOOK_BODY_BYTES;
import static io.channels4j.benchmarks.BenchInputs.WEBHOOK_SIGNATURE;

import io.channels4j.Pusher;
import io.channels4j.RetryPolicy;
import io.channels4j.auth.PresenceMember;
import io.channels4j.spi.HttpRequest;
import io.channels4j.spi.HttpResponse;
import io.channels4j.spi.HttpTransport;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-request operations run as a server runs them: each one a task on an executor, {@link
 * #BATCH} in flight at a time. {@code threads=platform} is a fixed pool of {@link #BATCH} platform
 * threads (a servlet container's pool: per-thread caches stay warm); {@code threads=virtual} is a
 * new virtual thread per task ({@code Executors.newVirtualThreadPerTaskExecutor()}, JDK 21+: run
 * the jar on JDK 21 or later), where a per-thread cache never hits.
 *
 * <p>Besides JMH's time per operation (wall time, both cores busy), each iteration prints the
 * process CPU time per operation ({@code [cpu] ...} lines in the fork's output), which is what the
 * target compares: virtual threads within 1.2x of platform threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThreadsBenchmark {
  /** Tasks in flight per benchmark call. */
  public static final int BATCH = 16;

  /** {@code platform} or {@code virtual}. */
  @Param({"platform", "virtual"})
  public String threads;

  private ExecutorService executor;
  private Pusher pusher;
  private final Future<?>[] inFlight = new Future<?>[BATCH];
  private final AtomicLong calls = new AtomicLong();
  private long cpuAtStart;
  private long callsAtStart;

  /** Creates the benchmark; JMH calls it. */
  public ThreadsBenchmark() {}

  /**
   * Builds the client (answers in memory) and the executor.
   *
   * @throws ReflectiveOperationException when virtual threads are asked for before JDK 21
   */
  @Setup
  public void setUp() throws ReflectiveOperationException {
    pusher =
        Pusher.builder()
            .appId(APP_ID)
            .key(KEY)
            .secret(SECRET)
            .host("127.0.0.1")
            .port(9)
            .useTls(false)
            .transport(new AnswerInMemory())
            .retryPolicy(RetryPolicy.none())
            .build();
    executor =
        threads.equals("virtual")
            // JDK 21 API, called reflectively: the module compiles for Java 17.
            ? (ExecutorService)
                Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null)
            : Executors.newFixedThreadPool(BATCH);
    if (!pusher.checkWebhookSignature(KEY, WEBHOOK_SIGNATURE, WEBHOOK_BODY_BYTES).isValid()) {
      throw new IllegalStateException("the benchmark webhook does not verify");
    }
  }

  /** Stops the executor and the client. */
  @TearDown
  public void tearDown() {
    executor.shutdownNow();
    pusher.close();
  }

  /** Notes the process CPU time before an iteration. */
  @Setup(Level.Iteration)
  public void startCpu() {
    cpuAtStart = processCpuNanos();
    callsAtStart = calls.get();
  }

  /** Prints the process CPU time per operation of the iteration. */
  @TearDown(Level.Iteration)
  public void printCpu() {
    long ops = (calls.get() - callsAtStart) * BATCH;
    if (ops > 0) {
      System.out.printf(
          "[cpu] threads=%s cpuNsPerOp=%d ops=%d%n",
          threads, (processCpuNanos() - cpuAtStart) / ops, ops);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private void runBatch(Runnable task) throws Exception {
    for (int i = 0; i < BATCH; i++) {
      inFlight[i] = executor.submit(task);
    }
    for (int i = 0; i < BATCH; i++) {
      inFlight[i].get();
    }
    calls.incrementAndGet();
  }

  /**
   * An empty task: what the executor itself costs per task (thread start or hand-off, join), to
   * subtract from the others so that the library's own CPU per operation is compared.
   *
   * @param bh sink
   * @throws Exception if a task fails
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void emptyTask(Blackhole bh) throws Exception {
    runBatch(() -> bh.consume(SOCKET_ID));
  }

  /**
   * Private-channel authorization per task.
   *
   * @param bh sink
   * @throws Exception if a task fails
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void privateAuth(Blackhole bh) throws Exception {
    runBatch(() -> bh.consume(pusher.authorizeChannel(SOCKET_ID, PRIVATE_CHANNEL).toJson()));
  }

  /**
   * Presence-channel authorization per task.
   *
   * @param bh sink
   * @throws Exception if a task fails
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void presenceAuth(Blackhole bh) throws Exception {
    runBatch(
        () ->
            bh.consume(
                pusher
                    .authorizeChannel(
                        SOCKET_ID, PRESENCE_CHANNEL, PresenceMember.of(USER_ID, USER_INFO))
                    .toJson()));
  }

  /**
   * A trigger built, signed and answered in memory, per task.
   *
   * @param bh sink
   * @throws Exception if a task fails
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void signedTrigger(Blackhole bh) throws Exception {
    runBatch(() -> bh.consume(pusher.trigger(TRIGGER_CHANNEL, TRIGGER_EVENT, TRIGGER_DATA_OBJECT)));
  }

  /**
   * The signature-only webhook check per task.
   *
   * @param bh sink
   * @throws Exception if a task fails
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void checkWebhookSignature(Blackhole bh) throws Exception {
    runBatch(
        () -> bh.consume(pusher.checkWebhookSignature(KEY, WEBHOOK_SIGNATURE, WEBHOOK_BODY_BYTES)));
  }

  /**
   * Webhook verification (signature and events) per task.
   *
   * @param bh sink
   * @throws Exception if a task fails
   */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void verifyWebhook(Blackhole bh) throws Exception {
    runBatch(() -> bh.consume(pusher.verifyWebhook(KEY, WEBHOOK_SIGNATURE, WEBHOOK_BODY_BYTES)));
  }

  /** Answers every request with 200 {@code {}} in memory. */
  private static final class AnswerInMemory implements HttpTransport {
    private static final byte[] EMPTY_OBJECT = {'{', '}'};
    private static final Map<String, String> HEADERS = Map.of("content-type", "application/json");

    @Override
    public HttpResponse send(HttpRequest request) {
      return new HttpResponse(200, HEADERS, EMPTY_OBJECT);
    }
  }
}
