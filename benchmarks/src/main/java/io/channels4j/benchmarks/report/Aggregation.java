package io.channels4j.benchmarks.report;

import io.channels4j.benchmarks.load.Family;
import io.channels4j.benchmarks.load.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Groups load runs by contender and concurrency and relates each to the limit's round. */
final class Aggregation {
  private Aggregation() {}

  /**
   * One aggregate per contender and concurrency, sorted by concurrency, then family (limit, JDK,
   * official, channels4j), then name. CPU ratios are taken round by round against the limit run of
   * the same round and concurrency (NaN where that round has no limit run), so drift between rounds
   * affects both sides of a ratio alike.
   */
  static List<LoadAggregate> aggregate(List<RunResult> runs) {
    Map<String, List<RunResult>> byKey = new LinkedHashMap<>();
    Map<String, Double> limitCpu = new LinkedHashMap<>();
    Map<String, Double> limitCpuExclJit = new LinkedHashMap<>();
    for (RunResult r : runs) {
      byKey.computeIfAbsent(r.contender() + "@" + r.concurrency(), k -> new ArrayList<>()).add(r);
      if (r.family() == Family.LIMIT) {
        limitCpu.put(r.round() + "@" + r.concurrency(), r.cpuMicrosPerRequest());
        limitCpuExclJit.put(r.round() + "@" + r.concurrency(), cpuExclJit(r));
      }
    }
    List<LoadAggregate> aggs = new ArrayList<>();
    for (List<RunResult> list : byKey.values()) {
      List<Double> rps = new ArrayList<>();
      List<Double> p50 = new ArrayList<>();
      List<Double> p99 = new ArrayList<>();
      List<Double> cpu = new ArrayList<>();
      List<Double> ratio = new ArrayList<>();
      List<Double> ratioExclJit = new ArrayList<>();
      List<Double> jit = new ArrayList<>();
      List<Double> gc = new ArrayList<>();
      long errors = 0;
      for (RunResult r : list) {
        rps.add(r.requestsPerSecond());
        p50.add(r.p50Micros());
        p99.add(r.p99Micros());
        cpu.add(r.cpuMicrosPerRequest());
        Double limit = limitCpu.get(r.round() + "@" + r.concurrency());
        ratio.add(limit == null ? Double.NaN : r.cpuMicrosPerRequest() / limit);
        Double limitExclJit = limitCpuExclJit.get(r.round() + "@" + r.concurrency());
        ratioExclJit.add(limitExclJit == null ? Double.NaN : cpuExclJit(r) / limitExclJit);
        jit.add(r.jitMillis() < 0 ? Double.NaN : (double) r.jitMillis());
        gc.add((double) r.gcMillis());
        errors += r.errors();
      }
      RunResult first = list.get(0);
      aggs.add(
          new LoadAggregate(
              first.contender(),
              first.family(),
              first.concurrency(),
              first.drive().name(),
              Stats.of(rps),
              Stats.of(p50),
              Stats.of(p99),
              Stats.of(cpu),
              Stats.of(ratio),
              Stats.of(ratioExclJit),
              Stats.of(jit),
              Stats.of(gc),
              errors));
    }
    aggs.sort(
        (a, b) ->
            a.concurrency() != b.concurrency()
                ? Integer.compare(a.concurrency(), b.concurrency())
                : a.family() != b.family()
                    ? a.family().compareTo(b.family())
                    : a.contender().compareTo(b.contender()));
    return aggs;
  }

  /** The official variant with the highest median req/s at a concurrency, or null if none ran. */
  static LoadAggregate bestOfficial(List<LoadAggregate> aggs, int concurrency) {
    LoadAggregate best = null;
    for (LoadAggregate a : aggs) {
      if (a.family() == Family.OFFICIAL
          && a.concurrency() == concurrency
          && (best == null || a.rps().median() > best.rps().median())) {
        best = a;
      }
    }
    return best;
  }

  /** CPU µs per request without the JIT compiler threads' share; NaN when unknown. */
  static double cpuExclJit(RunResult r) {
    if (r.jitMillis() < 0 || r.requests() == 0) {
      return Double.NaN;
    }
    return r.cpuMicrosPerRequest() - r.jitMillis() * 1000.0 / r.requests();
  }
}
