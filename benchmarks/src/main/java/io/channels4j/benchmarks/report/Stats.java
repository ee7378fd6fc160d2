package io.channels4j.benchmarks.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Median and spread of repeated measurements.
 *
 * @param median the median (mean of the two middle values for an even count)
 * @param min the smallest value
 * @param max the largest value
 * @param count how many values
 */
public record Stats(double median, double min, double max, int count) {

  /**
   * Summarises values, ignoring NaN.
   *
   * @param values the measurements
   * @return their median and range; all NaN when there is no value
   */
  public static Stats of(List<Double> values) {
    List<Double> sorted = new ArrayList<>();
    for (Double v : values) {
      if (v != null && !v.isNaN()) {
        sorted.add(v);
      }
    }
    if (sorted.isEmpty()) {
      return new Stats(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    Collections.sort(sorted);
    int n = sorted.size();
    double median =
        n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Stats(median, sorted.get(0), sorted.get(n - 1), n);
  }

  /**
   * The spread as a fraction of the median: {@code (max - min) / median}.
   *
   * @return relative spread, NaN when unknown
   */
  public double relativeSpread() {
    return (max - min) / median;
  }
}
