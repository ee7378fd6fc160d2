package io.channels4j.benchmarks.fanout;

import io.channels4j.benchmarks.load.JdkSink;
import io.channels4j.benchmarks.load.NginxSink;
import io.channels4j.benchmarks.load.Sink;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar benchmarks.jar fanout [--events N] [--rounds R] [--concurrency C] [--heap-events
 * N] [--heap-xmx SIZE] [--jdk-sink] [--only A,B] [--measured FANOUTS] [--warmup-min-ms MS]
 * [--warmup-max-ms MS]}: the fan-out benchmark. Every round runs each contender in a fresh worker
 * JVM (rotated order) against one nginx sink; the table gives medians and min–max of events/s and
 * CPU per event, and the ratios the targets name. Then one heap run.
 */
public final class FanOutBench {
  static final List<String> CONTENDERS =
      List.of("bulk", "raw-socket-batched", "naive-loop", "official-naive-loop");

  private FanOutBench() {}

  /**
   * Runs the benchmark.
   *
   * @param args options
   * @return the exit status
   * @throws Exception on failure
   */
  public static int run(String[] args) throws Exception {
    int events = 100_000;
    int rounds = 3;
    int concurrency = 32;
    int heapEvents = 1_000_000;
    String heapXmx = "32m";
    boolean jdkSink = false;
    List<String> workerArgs = List.of("-Xms1g", "-Xmx1g");
    String workerClasspath = System.getProperty("java.class.path");
    List<String> only = CONTENDERS;
    List<String> settings = new ArrayList<>(); // passed on to every worker JVM
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--events" -> events = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--heap-events" -> heapEvents = Integer.parseInt(args[++i]);
        case "--heap-xmx" -> heapXmx = args[++i];
        case "--only" -> only = Arrays.asList(args[++i].split(","));
        case "--jdk-sink" -> jdkSink = true;
        case "--worker-jvm-args" -> workerArgs = Arrays.asList(args[++i].split(" "));
        case "--worker-classpath" -> workerClasspath = args[++i];
        case "--measured" -> settings.add("-Dchannels4j.fanout.measured=" + args[++i]);
        case "--warmup-min-ms" -> settings.add("-Dchannels4j.fanout.warmupMinMillis=" + args[++i]);
        case "--warmup-max-ms" -> settings.add("-Dchannels4j.fanout.warmupMaxMillis=" + args[++i]);
        default -> {
          System.err.println("unknown option " + args[i]);
          return 64;
        }
      }
    }
    List<String> jvm = new ArrayList<>(workerArgs);
    jvm.addAll(settings);
    workerArgs = jvm;
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    only.forEach(c -> results.put(c, new ArrayList<>()));
    try (Sink sink = jdkSink ? JdkSink.start(3600) : NginxSink.start(NginxSink.DEFAULT_BINARY, 1)) {
      System.out.println("sink: " + sink.description());
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < only.size(); k++) {
          String c = only.get((k + r) % only.size());
          // The naive loops send one request per event: 1/50 of the events keeps them short.
          int n = c.contains("naive") || c.equals("async-chain") ? events / 50 : events;
          List<String> line = worker(workerArgs, workerClasspath, c, sink.port(), n, concurrency);
          // RESULT contender events seconds cpuNanos requests contextSwitches jitCpuNanos
          double[] v = {
            Double.parseDouble(line.get(2)),
            Double.parseDouble(line.get(3)),
            Double.parseDouble(line.get(4)),
            Double.parseDouble(line.get(5)),
            Double.parseDouble(line.get(6)),
            Double.parseDouble(line.get(7))
          };
          results.get(c).add(v);
          System.out.printf(
              Locale.ROOT,
              "round %d %-20s %7.0f events/s  %6.0f ns CPU/event (%.0f excl. JIT)  %d requests"
                  + "  %.2f context switches/request%n",
              r + 1,
              c,
              v[0] / v[1],
              v[2] / v[0],
              (v[2] - v[5]) / v[0],
              (long) v[3],
              v[4] / v[3]);
        }
      }
      System.out.println();
      System.out.println(
          "| contender | events | requests | events/s (median, min–max) |"
              + " CPU µs/event (median, min–max) | excl. JIT (median, min–max) |");
      System.out.println("|---|---:|---:|---:|---:|---:|");
      Map<String, Double> rate = new LinkedHashMap<>();
      Map<String, Double> cpu = new LinkedHashMap<>();
      Map<String, Double> cpuNoJit = new LinkedHashMap<>();
      for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
        List<double[]> runs = e.getValue();
        if (runs.isEmpty()) {
          continue;
        }
        double[] rates = runs.stream().mapToDouble(v -> v[0] / v[1]).sorted().toArray();
        double[] cpus = runs.stream().mapToDouble(v -> v[2] / v[0] / 1000).sorted().toArray();
        double[] noJit =
            runs.stream().mapToDouble(v -> (v[2] - v[5]) / v[0] / 1000).sorted().toArray();
        rate.put(e.getKey(), median(rates));
        cpu.put(e.getKey(), median(cpus));
        cpuNoJit.put(e.getKey(), median(noJit));
        System.out.printf(
            Locale.ROOT,
            "| %s | %,d | %,d | %,.0f (%,.0f–%,.0f) | %.3f (%.3f–%.3f) | %.3f (%.3f–%.3f) |%n",
            e.getKey(),
            (long) runs.get(0)[0],
            (long) runs.get(0)[3],
            median(rates),
            rates[0],
            rates[rates.length - 1],
            median(cpus),
            cpus[0],
            cpus[cpus.length - 1],
            median(noJit),
            noJit[0],
            noJit[noJit.length - 1]);
      }
      if (rate.containsKey("bulk") && rate.containsKey("naive-loop")) {
        System.out.printf(
            Locale.ROOT,
            "%nbulk events/s vs naive loop (same client): %.1fx (target >= 10x)%n",
            rate.get("bulk") / rate.get("naive-loop"));
      }
      if (rate.containsKey("bulk") && rate.containsKey("official-naive-loop")) {
        System.out.printf(
            Locale.ROOT,
            "bulk events/s vs official naive loop: %.1fx%n",
            rate.get("bulk") / rate.get("official-naive-loop"));
      }
      if (cpu.containsKey("bulk") && cpu.containsKey("raw-socket-batched")) {
        System.out.printf(
            Locale.ROOT,
            "bulk CPU/event vs raw socket, same batched requests: %.2fx (target <= 1.2x);"
                + " excl. JIT %.2fx%n",
            cpu.get("bulk") / cpu.get("raw-socket-batched"),
            cpuNoJit.get("bulk") / cpuNoJit.get("raw-socket-batched"));
      }
      if (cpu.containsKey("bulk") && cpu.containsKey("raw-socket-batched")) {
        // Same-round ratios: both contenders ran minutes apart at most, under the same neighbours.
        List<double[]> bulkRuns = results.get("bulk");
        List<double[]> rawRuns = results.get("raw-socket-batched");
        int n = Math.min(bulkRuns.size(), rawRuns.size());
        double[] ratios = new double[n];
        double[] ratiosNoJit = new double[n];
        for (int r = 0; r < n; r++) {
          double[] b = bulkRuns.get(r);
          double[] w = rawRuns.get(r);
          ratios[r] = (b[2] / b[0]) / (w[2] / w[0]);
          ratiosNoJit[r] = ((b[2] - b[5]) / b[0]) / ((w[2] - w[5]) / w[0]);
        }
        Arrays.sort(ratios);
        Arrays.sort(ratiosNoJit);
        System.out.printf(
            Locale.ROOT,
            "bulk/raw CPU per event, same round: median %.2fx (%.2f–%.2f); excl. JIT %.2fx"
                + " (%.2f–%.2f)%n",
            median(ratios),
            ratios[0],
            ratios[n - 1],
            median(ratiosNoJit),
            ratiosNoJit[0],
            ratiosNoJit[n - 1]);
      }
      if (heapEvents > 0) {
        List<String> heap =
            worker(
                List.of("-Xmx" + heapXmx, "-XX:+UseSerialGC"),
                workerClasspath,
                "heap",
                sink.port(),
                heapEvents,
                concurrency);
        System.out.printf(
            Locale.ROOT,
            "%nheap: %,d events from an iterator in %s s with -Xmx%s (SerialGC): largest heap"
                + " in use after a GC %.1f MB%n",
            Long.parseLong(heap.get(1)),
            heap.get(2),
            heapXmx,
            Long.parseLong(heap.get(3)) / 1e6);
      }
    }
    return 0;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Runs one worker JVM and returns the words of its RESULT or HEAP line. */
  private static List<String> worker(
      List<String> jvmArgs,
      String classpath,
      String contender,
      int port,
      int events,
      int concurrency)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(classpath);
    command.add(FanOutWorker.class.getName());
    command.add(contender);
    command.add(Integer.toString(port));
    command.add(Integer.toString(events));
    command.add(Integer.toString(concurrency));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> result = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("RESULT ") || line.startsWith("HEAP ")) {
          result = Arrays.asList(line.split(" "));
        } else {
          output.append(line).append('\n');
        }
      }
    }
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(contender + " worker did not end");
    }
    if (p.exitValue() != 0 || result == null) {
      throw new IllegalStateException(
          contender + " worker failed (exit " + p.exitValue() + "):\n" + output);
    }
    return result;
  }
}
