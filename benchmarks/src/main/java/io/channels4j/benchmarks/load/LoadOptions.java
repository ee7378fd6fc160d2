package io.channels4j.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Options of the load driver.
 *
 * @param rounds how many times every contender is measured (interleaved)
 * @param prewarm unrecorded run of every contender before round 1, so the JIT has compiled them
 * @param prewarmMax the longest pre-warm per contender (it goes on while the JIT is busy)
 * @param warmup the shortest warm-up before each measurement
 * @param warmupMax the longest warm-up (it goes on while the JIT is busy)
 * @param measure length of each measurement
 * @param concurrencies the concurrencies to run
 * @param sink {@code nginx} (the measurement sink) or {@code jdk} (smoke runs only)
 * @param nginx path to the nginx executable
 * @param nginxWorkers nginx worker processes
 * @param budget time for pre-warm and rounds together: spare time lengthens warm-ups while the JIT
 *     is busy, and none is lent once it runs short (zero: no budget)
 * @param only contender names to run; empty for all
 * @param workerJvmArgs options of the worker JVMs, one per contender
 * @param out directory for the result files
 * @param verifyOnly stop after the verification
 */
public record LoadOptions(
    int rounds,
    Duration prewarm,
    Duration prewarmMax,
    Duration warmup,
    Duration warmupMax,
    Duration measure,
    List<Integer> concurrencies,
    String sink,
    Path nginx,
    int nginxWorkers,
    Duration budget,
    Set<String> only,
    List<String> workerJvmArgs,
    Path out,
    boolean verifyOnly) {

  /** Usage text. */
  public static final String USAGE =
      """
      load [options]   verify every contender, then measure them against a local sink
        --rounds N           rounds; each interleaves every contender (default 5)
        --prewarm D          unrecorded run of each contender before round 1 (default 2s)
        --prewarm-max D      longest pre-warm, while the JIT is busy (default 5s)
        --warmup D           shortest warm-up per run, e.g. 1s or 500ms (default 1s)
        --warmup-max D       longest warm-up per run, while the JIT is busy (default 2s)
        --measure D          measurement per run (default 2s)
        --concurrency LIST   comma-separated (default 1,32)
        --sink nginx|jdk     nginx is the measurement sink; jdk is a smoke-run fallback
        --nginx PATH         nginx executable (default /usr/sbin/nginx)
        --nginx-workers N    nginx worker processes (default 1)
        --budget D           time for pre-warm + rounds; extends warm-ups only while it lasts
        --only LIST          only these contenders (comma-separated names)
        --worker-jvm-args S  options of each contender's JVM (default "-Xms512m -Xmx512m
                             -XX:+UseG1GC")
        --out DIR            where to write load.csv, verify.csv, machine.properties
        --verify-only        check every contender's request, measure nothing
      """;

  /**
   * Parses command-line arguments.
   *
   * @param args the arguments after {@code load}
   * @return the options
   * @throws IllegalArgumentException on an unknown or malformed option
   */
  public static LoadOptions parse(String[] args) {
    int rounds = 5;
    Duration prewarm = Duration.ofSeconds(2);
    Duration prewarmMax = Duration.ofSeconds(5);
    Duration warmup = Duration.ofSeconds(1);
    Duration warmupMax = Duration.ofSeconds(2);
    Duration measure = Duration.ofSeconds(2);
    List<Integer> concurrencies = List.of(1, 32);
    String sink = "nginx";
    Path nginx = NginxSink.DEFAULT_BINARY;
    int nginxWorkers = 1;
    Duration budget = Duration.ZERO;
    Set<String> only = Set.of();
    List<String> workerJvmArgs = List.of("-Xms512m", "-Xmx512m", "-XX:+UseG1GC");
    Path out = Path.of("results");
    boolean verifyOnly = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--verify-only")) {
        verifyOnly = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("missing value after " + a + "\n" + USAGE);
      }
      String v = args[++i];
      switch (a) {
        case "--rounds" -> rounds = positive(a, Integer.parseInt(v));
        case "--prewarm" -> prewarm = duration(v);
        case "--prewarm-max" -> prewarmMax = duration(v);
        case "--warmup" -> warmup = duration(v);
        case "--warmup-max" -> warmupMax = duration(v);
        case "--measure" -> measure = duration(v);
        case "--concurrency" -> {
          List<Integer> list = new ArrayList<>();
          for (String s : v.split(",")) {
            list.add(positive(a, Integer.parseInt(s.trim())));
          }
          concurrencies = list;
        }
        case "--sink" -> {
          if (!v.equals("nginx") && !v.equals("jdk")) {
            throw new IllegalArgumentException("--sink must be nginx or jdk");
          }
          sink = v;
        }
        case "--nginx" -> nginx = Path.of(v);
        case "--nginx-workers" -> nginxWorkers = positive(a, Integer.parseInt(v));
        case "--budget" -> budget = duration(v);
        case "--only" -> only = Set.of(v.split(","));
        case "--worker-jvm-args" -> workerJvmArgs = List.of(v.trim().split("\\s+"));
        case "--out" -> out = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
    }
    if (rounds > 100
        || measure.toSeconds() > 600
        || warmupMax.toSeconds() > 600
        || prewarmMax.toSeconds() > 600) {
      throw new IllegalArgumentException("at most 100 rounds and 600 s per phase");
    }
    return new LoadOptions(
        rounds,
        prewarm,
        prewarmMax.compareTo(prewarm) < 0 ? prewarm : prewarmMax,
        warmup,
        warmupMax.compareTo(warmup) < 0 ? warmup : warmupMax,
        measure,
        List.copyOf(concurrencies),
        sink,
        nginx,
        nginxWorkers,
        budget,
        Set.copyOf(only),
        List.copyOf(workerJvmArgs),
        out,
        verifyOnly);
  }

  private static int positive(String option, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(option + " must be at least 1");
    }
    return value;
  }

  private static Duration duration(String s) {
    if (s.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
    }
    if (s.endsWith("s")) {
      return Duration.ofMillis(
          Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000));
    }
    throw new IllegalArgumentException("duration must end in ms or s: " + s);
  }
}
