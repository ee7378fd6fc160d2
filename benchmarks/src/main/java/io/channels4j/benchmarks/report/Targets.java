package io.channels4j.benchmarks.report;

import io.channels4j.benchmarks.load.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** channels4j's performance targets, and whether a run meets them. */
final class Targets {
  /** Client CPU per request: at most this many times the raw-socket limit's. */
  static final double CPU = 1.3;

  /** Requests per second: at least this many times the best official variant's. */
  static final double RPS = 1.2;

  /** Microbenchmarks with a target: at least this many times the official throughput … */
  static final double MICRO_THROUGHPUT = 2.5;

  /** … at most this fraction of the official allocation per operation. */
  static final double MICRO_ALLOCATION = 1.0 / 3;

  /**
   * The signature-only webhook check is HMAC-bound: its target is throughput only, at least the
   * official {@code validateWebhookSignature}, which does the same work.
   */
  static final String WEBHOOK_OPERATION = "checkWebhookSignature";

  static final double WEBHOOK_THROUGHPUT = 1.0;

  /** The operations with the throughput-and-allocation target; others are shown as context. */
  static final Set<String> TARGETED_OPERATIONS =
      Set.of("privateAuth", "presenceAuth", "userAuth", "buildSignedTrigger");

  private Targets() {}

  /** Whether a check met its target; {@code NONE} for a row shown as context only. */
  enum Verdict {
    MET,
    MISSED,
    NONE;

    static Verdict of(boolean met) {
      return met ? MET : MISSED;
    }
  }

  /**
   * One line of the targets table.
   *
   * @param target what is required, e.g. {@code CPU/request ≤ 1.3× raw socket, c=1}
   * @param contender who is measured
   * @param measured what was measured, formatted
   * @param verdict met, missed, or no target
   */
  record Check(String target, String contender, String measured, Verdict verdict) {}

  /**
   * Every check a run allows: per channels4j load contender and concurrency, CPU against the limit
   * and req/s against the best official variant (when one ran at that concurrency); per channels4j
   * microbenchmark, throughput and allocation against the official library's same operation. Empty
   * when no channels4j contender or benchmark ran.
   */
  static List<Check> check(List<JmhRow> jmh, List<LoadAggregate> aggs) {
    List<Check> checks = new ArrayList<>();
    for (LoadAggregate a : aggs) {
      if (a.family() != Family.CHANNELS4J) {
        continue;
      }
      double ratio = a.cpuRatio().median();
      checks.add(
          new Check(
              format("CPU/request ≤ %.1f× raw socket, c=%d", CPU, a.concurrency()),
              a.contender(),
              format(
                  "%.2f× (rounds %.2f–%.2f; excl. JIT %.2f×)",
                  ratio, a.cpuRatio().min(), a.cpuRatio().max(), a.cpuRatioExclJit().median()),
              Verdict.of(ratio <= CPU)));
      LoadAggregate best = Aggregation.bestOfficial(aggs, a.concurrency());
      if (best != null) {
        double r = a.rps().median() / best.rps().median();
        checks.add(
            new Check(
                format(
                    "req/s ≥ %.1f× official (best variant: %s), c=%d",
                    RPS, best.contender(), a.concurrency()),
                a.contender(),
                format("%.2f×", r),
                Verdict.of(r >= RPS)));
      }
    }
    for (JmhRow c : jmh) {
      if (!c.benchClass().equals(JmhRow.CHANNELS4J_CLASS)) {
        continue;
      }
      JmhRow o = JmhRow.official(jmh, c.operation());
      if (o == null) {
        checks.add(
            new Check(
                "micro " + c.operation(), "channels4j", "no official counterpart", Verdict.NONE));
        continue;
      }
      double speed = c.score() / o.score();
      double alloc = c.bytesPerOp() / o.bytesPerOp();
      String measured = format("%.2f× ops/s, %.2f× B/op", speed, alloc);
      if (c.operation().equals(WEBHOOK_OPERATION)) {
        checks.add(
            new Check(
                format("micro %s: ≥ %.1f× throughput", c.operation(), WEBHOOK_THROUGHPUT),
                "channels4j",
                measured,
                Verdict.of(speed >= WEBHOOK_THROUGHPUT)));
      } else if (!TARGETED_OPERATIONS.contains(c.operation())) {
        checks.add(
            new Check(
                format("micro %s (context, no target)", c.operation()),
                "channels4j",
                measured,
                Verdict.NONE));
      } else {
        checks.add(
            new Check(
                format(
                    "micro %s: ≥ %.1f× throughput at ≤ 1/3 allocation",
                    c.operation(), MICRO_THROUGHPUT),
                "channels4j",
                measured,
                Verdict.of(speed >= MICRO_THROUGHPUT && alloc <= MICRO_ALLOCATION)));
      }
    }
    return checks;
  }

  private static String format(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
