package io.channels4j.benchmarks.report;

import java.util.List;

/**
 * One JMH benchmark result, as the report uses it.
 *
 * @param benchClass the benchmark's simple class name, e.g. {@code Channels4jBenchmark}
 * @param operation the benchmark method, e.g. {@code privateAuth}
 * @param score operations per second
 * @param error JMH's 99.9% confidence half-width, NaN when JMH gives none
 * @param bytesPerOp {@code gc.alloc.rate.norm}, NaN without {@code -prof gc}
 * @param forks forks per benchmark
 * @param warmupIterations warm-up iterations per fork
 * @param warmupTime length of one warm-up iteration, as JMH writes it ({@code "1 s"})
 * @param measurementIterations measurement iterations per fork
 * @param measurementTime length of one measurement iteration, as JMH writes it
 */
record JmhRow(
    String benchClass,
    String operation,
    double score,
    double error,
    double bytesPerOp,
    int forks,
    int warmupIterations,
    String warmupTime,
    int measurementIterations,
    String measurementTime) {

  /** The JMH benchmark class of the official library; the others are compared with it. */
  static final String OFFICIAL_CLASS = "PusherHttpJavaBenchmark";

  /** The JMH benchmark class of channels4j. */
  static final String CHANNELS4J_CLASS = "Channels4jBenchmark";

  /** The official library's row for an operation, or null when it has no such benchmark. */
  static JmhRow official(List<JmhRow> rows, String operation) {
    for (JmhRow r : rows) {
      if (r.benchClass().equals(OFFICIAL_CLASS) && r.operation().equals(operation)) {
        return r;
      }
    }
    return null;
  }
}
