package io.channels4j.benchmarks.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The end-to-end load benchmark: verifies every contender's request, starts the sink and one worker
 * JVM per contender ({@link ContenderWorker}), pre-warms each, then runs rounds in which every
 * contender is measured at every concurrency, rotating the order each round. Writes {@code
 * verify.csv}, {@code load.csv} (one line per run) and {@code machine.properties}.
 *
 * <p>One JVM per contender keeps one contender's JIT compilation, profiles and garbage out of
 * another's measurement window, and makes the worker's process CPU time the contender's alone.
 */
public final class LoadDriver {
  private LoadDriver() {}

  /**
   * Runs the load benchmark.
   *
   * @param args options, see {@link LoadOptions#USAGE}
   * @return the process exit code: 0 when all went well, 1 if a contender sent an invalid request,
   *     2 if requests failed during the measurement
   * @throws Exception if the sink cannot start or results cannot be written
   */
  public static int run(String[] args) throws Exception {
    LoadOptions options = LoadOptions.parse(args);
    List<Contender> contenders = select(options);
    Files.createDirectories(options.out());

    System.out.println("== Verifying each contender's request (capture server on 127.0.0.1)");
    List<Verifier.Result> checks = Verifier.verify(contenders, options.concurrencies());
    writeVerification(options.out().resolve("verify.csv"), checks);
    boolean valid = true;
    for (Verifier.Result r : checks) {
      System.out.printf(
          Locale.ROOT,
          "  %-28s c=%-3d %-8s %s%n",
          r.contender(),
          r.concurrency(),
          r.drive(),
          r.ok()
              ? (r.bodyIdentical()
                  ? "OK (body byte-identical)"
                  : "OK (same JSON, field order differs)")
              : "FAILED");
      for (String p : r.problems()) {
        System.out.println("      " + p);
      }
      valid &= r.ok();
    }
    if (!valid) {
      System.err.println(
          "VERIFICATION FAILED: a contender sends an invalid request; nothing measured.");
      return 1;
    }
    if (options.verifyOnly()) {
      return 0;
    }

    Properties machine = new Properties();
    machine.setProperty("loadavg_before", SystemStats.loadAverageLine());
    machine.setProperty("started_at", Instant.now().toString());
    long errors = 0;
    Path csv = options.out().resolve("load.csv");
    Map<String, WorkerProcess> workers = new LinkedHashMap<>();
    Thread stopOnExit = new Thread(() -> workers.values().forEach(WorkerProcess::close), "stop");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try (Sink sink = startSink(options);
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
      Thread stopSinkOnExit = new Thread(sink::close, "stop-sink");
      Runtime.getRuntime().addShutdownHook(stopSinkOnExit);
      describeMachine(machine, options, sink, workerJvmArgs(options));
      System.out.printf(
          Locale.ROOT,
          "== Sink: %s on port %d%n== Workers: one JVM per contender (%s)%n"
              + "== %d rounds x %d contenders, %s-%s warm-up + %s each%n",
          sink.description(),
          sink.port(),
          String.join(" ", workerJvmArgs(options)),
          options.rounds(),
          contenders.size(),
          options.warmup(),
          options.warmupMax(),
          options.measure());
      for (Contender c : contenders) {
        workers.put(
            c.name(), WorkerProcess.start(c.name(), workerJvmArgs(options), Duration.ofHours(1)));
      }
      out.println(RunResult.CSV_HEADER);
      Budget budget = new Budget(options, contenders);
      prewarm(contenders, workers, options, sink, budget);
      for (int round = 1; round <= options.rounds(); round++) {
        for (int concurrency : options.concurrencies()) {
          for (int k = 0; k < contenders.size(); k++) {
            Contender contender = contenders.get((k + round - 1) % contenders.size());
            if (contender.drive(concurrency) == Drive.SKIP) {
              continue;
            }
            RunResult r =
                workers
                    .get(contender.name())
                    .run(
                        round,
                        concurrency,
                        sink.port(),
                        options.warmup(),
                        budget.warmupMax(false),
                        options.measure(),
                        sink.pids());
            out.println(r.toCsv());
            out.flush();
            errors += r.errors();
            System.out.printf(
                Locale.ROOT,
                "  r%d c=%-3d %-28s %9.0f req/s  p50 %8.1f us  p99 %8.1f us  cpu %7.2f us/req"
                    + "  client %.2f sink %.2f other %.2f cores  warm-up %.1f s  jit %d ms  gc %d ms"
                    + "%s%n",
                round,
                concurrency,
                contender.name(),
                r.requestsPerSecond(),
                r.p50Micros(),
                r.p99Micros(),
                r.cpuMicrosPerRequest(),
                r.clientCores(),
                r.sinkCores(),
                r.otherCores(),
                r.warmupSeconds(),
                r.jitMillis(),
                r.gcMillis(),
                r.errors() > 0 ? "  ERRORS " + r.errors() + ": " + r.firstError() : "");
          }
        }
      }
      workers.values().forEach(WorkerProcess::close);
      Runtime.getRuntime().removeShutdownHook(stopSinkOnExit);
    } finally {
      workers.values().forEach(WorkerProcess::close);
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }
    machine.setProperty("loadavg_after", SystemStats.loadAverageLine());
    machine.setProperty("finished_at", Instant.now().toString());
    storeSorted(machine, options.out().resolve("machine.properties"));
    if (errors > 0) {
      System.err.println("LOAD RUN HAD " + errors + " FAILED REQUESTS: see first_error in " + csv);
      return 2;
    }
    return 0;
  }

  /**
   * Options of every worker JVM: the user's, plus an HttpURLConnection keep-alive cache as large as
   * the highest concurrency (the JDK keeps 5 idle connections per destination by default, and would
   * open and close connections at c=32).
   */
  private static List<String> workerJvmArgs(LoadOptions options) {
    int maxConcurrency =
        options.concurrencies().stream().mapToInt(Integer::intValue).max().orElse(1);
    List<String> args = new ArrayList<>(options.workerJvmArgs());
    args.add("-Dhttp.maxConnections=" + Math.max(5, maxConcurrency));
    return args;
  }

  /**
   * Runs every contender once in its worker, unrecorded, so that round 1 does not pay for JIT
   * compilation.
   */
  private static void prewarm(
      List<Contender> contenders,
      Map<String, WorkerProcess> workers,
      LoadOptions options,
      Sink sink,
      Budget budget)
      throws Exception {
    System.out.println(
        "== Pre-warming every contender for "
            + options.prewarm()
            + " to "
            + options.prewarmMax()
            + " (not recorded)");
    for (int concurrency : options.concurrencies()) {
      for (Contender contender : contenders) {
        if (contender.drive(concurrency) != Drive.SKIP) {
          RunResult r =
              workers
                  .get(contender.name())
                  .run(
                      0,
                      concurrency,
                      sink.port(),
                      options.prewarm(),
                      budget.warmupMax(true),
                      Duration.ofMillis(100),
                      sink.pids());
          System.out.printf(
              Locale.ROOT,
              "  pre-warm c=%-3d %-28s %.1f s%s%n",
              concurrency,
              contender.name(),
              r.warmupSeconds(),
              r.errors() > 0 ? "  ERRORS " + r.errors() + ": " + r.firstError() : "");
        }
      }
    }
  }

  /**
   * Keeps pre-warm and rounds inside {@link LoadOptions#budget()}: each warm-up may run on past its
   * minimum (while the JIT is busy) only by a share of the time not needed by the minimum plan of
   * the runs left. Pre-warm runs, where most compilation happens, may use half the spare time.
   */
  private static final class Budget {
    private static final long OVERHEAD_NANOS = Duration.ofMillis(400).toNanos();
    private static final long PREWARM_MEASURE_NANOS = Duration.ofMillis(100).toNanos();

    private final LoadOptions options;
    private final long deadline;
    private int prewarmsLeft;
    private int runsLeft;

    Budget(LoadOptions options, List<Contender> contenders) {
      this.options = options;
      int scenarios = 0;
      for (int c : options.concurrencies()) {
        for (Contender contender : contenders) {
          if (contender.drive(c) != Drive.SKIP) {
            scenarios++;
          }
        }
      }
      this.prewarmsLeft = scenarios;
      this.runsLeft = scenarios * options.rounds();
      this.deadline = System.nanoTime() + options.budget().toNanos();
    }

    /** The longest warm-up for the next run, which this call counts as started. */
    Duration warmupMax(boolean prewarm) {
      Duration min = prewarm ? options.prewarm() : options.warmup();
      Duration max = prewarm ? options.prewarmMax() : options.warmupMax();
      long reserve =
          prewarmsLeft * (options.prewarm().toNanos() + PREWARM_MEASURE_NANOS + OVERHEAD_NANOS)
              + runsLeft
                  * (options.warmup().toNanos() + options.measure().toNanos() + OVERHEAD_NANOS);
      long slack = deadline - System.nanoTime() - reserve;
      long share = prewarm ? slack / 2 / Math.max(1, prewarmsLeft) : slack / Math.max(1, runsLeft);
      if (prewarm) {
        prewarmsLeft = Math.max(0, prewarmsLeft - 1);
      } else {
        runsLeft = Math.max(0, runsLeft - 1);
      }
      if (options.budget().isZero()) {
        return max;
      }
      long extension = Math.max(0, Math.min(max.toNanos() - min.toNanos(), share));
      return min.plusNanos(extension);
    }
  }

  private static List<Contender> select(LoadOptions options) {
    List<Contender> selected = new ArrayList<>();
    for (Contender c : Contenders.all()) {
      if (options.only().isEmpty() || options.only().contains(c.name())) {
        selected.add(c);
      }
    }
    if (selected.isEmpty()) {
      throw new IllegalArgumentException("no contender matches --only " + options.only());
    }
    return selected;
  }

  private static Sink startSink(LoadOptions options) throws Exception {
    if (options.sink().equals("jdk")) {
      System.out.println("WARNING: --sink jdk is a smoke-run fallback, not the measurement sink.");
      return JdkSink.start(3_600);
    }
    return NginxSink.start(options.nginx(), options.nginxWorkers());
  }

  private static void describeMachine(
      Properties p, LoadOptions options, Sink sink, List<String> workerJvmArgs) {
    p.setProperty("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    p.setProperty("cpu_model", firstMatch(Path.of("/proc/cpuinfo"), "model name"));
    p.setProperty("memory", firstMatch(Path.of("/proc/meminfo"), "MemTotal"));
    p.setProperty("os", firstMatch(Path.of("/etc/os-release"), "PRETTY_NAME"));
    p.setProperty("kernel", System.getProperty("os.version"));
    p.setProperty(
        "java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    p.setProperty(
        "driver_jvm_args",
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    p.setProperty("jvm_args", String.join(" ", workerJvmArgs));
    p.setProperty("sink", sink.description());
    p.setProperty("sink_is_measurement_sink", Boolean.toString(sink.isMeasurementSink()));
    p.setProperty("rounds", Integer.toString(options.rounds()));
    p.setProperty("prewarm", options.prewarm().toString());
    p.setProperty("warmup", options.warmup().toString());
    p.setProperty("warmup_max", options.warmupMax().toString());
    p.setProperty("budget", options.budget().toString());
    p.setProperty("prewarm_max", options.prewarmMax().toString());
    p.setProperty("measure", options.measure().toString());
    TreeMap<String, String> descriptions = new TreeMap<>();
    for (Contender c : Contenders.all()) {
      descriptions.put(c.name(), c.description());
    }
    descriptions.forEach((name, d) -> p.setProperty("contender." + name, d));
  }

  private static String firstMatch(Path file, String prefix) {
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith(prefix)) {
          return line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1)
              .trim()
              .replace("\"", "");
        }
      }
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
    return "unknown";
  }

  private static void writeVerification(Path file, List<Verifier.Result> checks)
      throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("contender,concurrency,drive,ok,body_bytes,body_identical,problems\n");
      for (Verifier.Result r : checks) {
        w.write(
            String.join(
                    ",",
                    r.contender(),
                    Integer.toString(r.concurrency()),
                    r.drive().name(),
                    Boolean.toString(r.ok()),
                    Integer.toString(r.bodyBytes()),
                    Boolean.toString(r.bodyIdentical()),
                    String.join(" | ", r.problems()).replaceAll("[,\\r\\n\"]", " "))
                + "\n");
      }
    }
  }

  private static void storeSorted(Properties p, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (String key : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
        w.write(key + "=" + p.getProperty(key).replace("\\", "\\\\") + "\n");
      }
    }
  }
}
