package io.channels4j.benchmarks.report;

import io.channels4j.benchmarks.load.Family;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The SVG chart of client CPU per request relative to the raw-socket limit. */
final class CpuChart {
  /** File name of the chart, beside the raw results. */
  static final String FILE = "cpu-per-request.svg";

  private CpuChart() {}

  /** One group per concurrency, one bar per contender that has a ratio; the limit is the 1 line. */
  static String render(List<LoadAggregate> aggs) {
    List<SvgChart.Group> groups = new ArrayList<>();
    TreeSet<Integer> concurrencies = new TreeSet<>();
    aggs.forEach(a -> concurrencies.add(a.concurrency()));
    for (int c : concurrencies) {
      List<SvgChart.Bar> bars = new ArrayList<>();
      for (LoadAggregate a : aggs) {
        if (a.concurrency() == c && a.family() != Family.LIMIT && a.cpuRatio().count() > 0) {
          bars.add(
              new SvgChart.Bar(
                  a.contender(),
                  a.cpuRatio().median(),
                  a.cpuRatio().min(),
                  a.cpuRatio().max(),
                  color(a.family())));
        }
      }
      groups.add(new SvgChart.Group("concurrency " + c, bars));
    }
    return SvgChart.render(
        "Client CPU per request ÷ raw-socket limit (median, whiskers: min–max over rounds)",
        "× the raw-socket limit's CPU per request (lower is better)",
        groups,
        List.of(
            new SvgChart.Line(1.0, "limit (raw socket) = 1", false),
            new SvgChart.Line(Targets.CPU, "channels4j target ≤ 1.3", true)),
        List.of(
            new SvgChart.Swatch(color(Family.JDK), "plain JDK client"),
            new SvgChart.Swatch(color(Family.OFFICIAL), "pusher-http-java"),
            new SvgChart.Swatch(color(Family.CHANNELS4J), "channels4j")));
  }

  private static String color(Family family) {
    return switch (family) {
      case LIMIT -> "#444444";
      case JDK -> "#9e9e9e";
      case OFFICIAL -> "#e08a2c";
      case CHANNELS4J -> "#2c6fbb";
    };
  }
}
