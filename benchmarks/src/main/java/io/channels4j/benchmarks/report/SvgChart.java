package io.channels4j.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart as SVG text, with whiskers and vertical reference lines; no dependencies.
 * The value axis is linear, or logarithmic when the largest value exceeds {@value #LOG_THRESHOLD}:
 * ratios to a limit can span two decades while the interesting region is near 1.
 */
final class SvgChart {
  private static final int LEFT = 260;
  private static final int PLOT_WIDTH = 520;
  private static final int BAR_HEIGHT = 18;
  private static final int ROW_HEIGHT = 26;
  private static final double LOG_THRESHOLD = 10;
  private static final double LOG_MIN = 0.5;

  /**
   * One bar.
   *
   * @param label text left of the bar
   * @param value bar length
   * @param low whisker start (NaN for none)
   * @param high whisker end (NaN for none)
   * @param color fill colour
   */
  record Bar(String label, double value, double low, double high, String color) {}

  /**
   * A titled group of bars.
   *
   * @param title group heading
   * @param bars the bars
   */
  record Group(String title, List<Bar> bars) {}

  /**
   * A vertical line across the plot.
   *
   * @param value where
   * @param label its legend text
   * @param dashed dashed or solid
   */
  record Line(double value, String label, boolean dashed) {}

  /**
   * A colour key in the legend.
   *
   * @param color fill colour
   * @param label what the colour stands for
   */
  record Swatch(String color, String label) {}

  /**
   * Maps values to x positions.
   *
   * @param logarithmic log10 scale from {@link #LOG_MIN}, or linear from 0
   * @param max the right end of the axis
   */
  private record Axis(boolean logarithmic, double max) {
    static Axis of(double largest) {
      if (largest > LOG_THRESHOLD) {
        double decade = Math.pow(10, Math.floor(Math.log10(largest * 1.05)));
        for (double m : new double[] {1, 2, 5, 10}) {
          if (m * decade >= largest * 1.05) {
            return new Axis(true, m * decade);
          }
        }
      }
      double top = largest * 1.05;
      if (!(top > 0) || Double.isInfinite(top)) {
        return new Axis(false, 1);
      }
      double step = tickStep(top);
      return new Axis(false, Math.ceil(top / step) * step);
    }

    double x(double value) {
      double fraction =
          logarithmic
              ? (Math.log10(Math.max(value, LOG_MIN)) - Math.log10(LOG_MIN))
                  / (Math.log10(max) - Math.log10(LOG_MIN))
              : value / max;
      return LEFT + fraction * PLOT_WIDTH;
    }

    List<Double> ticks() {
      List<Double> ticks = new ArrayList<>();
      if (logarithmic) {
        for (double decade = 1; decade <= max; decade *= 10) {
          for (double m : new double[] {1, 2, 5}) {
            if (m * decade <= max) {
              ticks.add(m * decade);
            }
          }
        }
      } else {
        double step = tickStep(max);
        for (int i = 0; i * step <= max + 1e-9; i++) {
          ticks.add(i * step);
        }
      }
      return ticks;
    }
  }

  private SvgChart() {}

  static String render(
      String title, String axisLabel, List<Group> groups, List<Line> lines, List<Swatch> swatches) {
    double largest = 0;
    int rows = 0;
    for (Group g : groups) {
      rows += g.bars().size() + 1;
      for (Bar b : g.bars()) {
        largest = Math.max(largest, right(b));
      }
    }
    for (Line l : lines) {
      largest = Math.max(largest, l.value());
    }
    Axis axis = Axis.of(largest);
    int top = 50;
    int height = top + rows * ROW_HEIGHT + 90;
    int width = LEFT + PLOT_WIDTH + 80;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            width,
            height,
            width,
            height));
    svg.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(text(width / 2, 24, title, "middle", 15, "bold"));
    int y = top;
    for (Group g : groups) {
      svg.append(text(10, y + 16, g.title(), "start", 13, "bold"));
      y += ROW_HEIGHT;
      for (Bar b : g.bars()) {
        svg.append(text(LEFT - 8, y + 13, b.label(), "end", 12, "normal"));
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                LEFT,
                y,
                Math.max(axis.x(b.value()) - LEFT, 0),
                BAR_HEIGHT,
                b.color()));
        if (!Double.isNaN(b.low()) && !Double.isNaN(b.high()) && b.high() > b.low()) {
          double x1 = axis.x(b.low());
          double x2 = axis.x(b.high());
          double cy = y + BAR_HEIGHT / 2.0;
          svg.append(line(x1, cy, x2, cy, "black", false));
          svg.append(line(x1, cy - 5, x1, cy + 5, "black", false));
          svg.append(line(x2, cy - 5, x2, cy + 5, "black", false));
        }
        svg.append(
            text(
                (int) axis.x(right(b)) + 6,
                y + 13,
                String.format(Locale.ROOT, "%.2f", b.value()),
                "start",
                11,
                "normal"));
        y += ROW_HEIGHT;
      }
    }
    int plotBottom = y;
    svg.append(line(LEFT, top, LEFT, plotBottom, "black", false));
    svg.append(line(LEFT, plotBottom, LEFT + PLOT_WIDTH, plotBottom, "black", false));
    for (double t : axis.ticks()) {
      double tx = axis.x(t);
      svg.append(line(tx, plotBottom, tx, plotBottom + 4, "black", false));
      svg.append(text((int) tx, plotBottom + 17, tickLabel(t), "middle", 11, "normal"));
    }
    svg.append(
        text(
            LEFT + PLOT_WIDTH / 2,
            plotBottom + 34,
            axisLabel + (axis.logarithmic() ? " (log scale)" : ""),
            "middle",
            12,
            "normal"));
    int legendY = plotBottom + 54;
    int legendX = LEFT;
    for (Line l : lines) {
      String color = l.dashed() ? "#c00000" : "#006000";
      double lx = axis.x(l.value());
      svg.append(line(lx, top, lx, plotBottom, color, l.dashed()));
      svg.append(line(legendX, legendY - 4, legendX + 24, legendY - 4, color, l.dashed()));
      svg.append(text(legendX + 30, legendY, l.label(), "start", 11, "normal"));
      legendX += 40 + 6 * l.label().length();
    }
    legendX = LEFT;
    for (Swatch sw : swatches) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"12\" fill=\"%s\"/>%n",
              legendX,
              legendY + 10,
              sw.color()));
      svg.append(text(legendX + 20, legendY + 20, sw.label(), "start", 11, "normal"));
      legendX += 40 + 6 * sw.label().length();
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static double right(Bar b) {
    return Double.isNaN(b.high()) ? b.value() : Math.max(b.value(), b.high());
  }

  private static double tickStep(double range) {
    double raw = range / 8;
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    for (double m : new double[] {1, 2, 2.5, 5, 10}) {
      if (m * magnitude >= raw) {
        return m * magnitude;
      }
    }
    return 10 * magnitude;
  }

  private static String tickLabel(double t) {
    return t == Math.rint(t) ? Long.toString((long) t) : String.format(Locale.ROOT, "%.1f", t);
  }

  private static String line(
      double x1, double y1, double x2, double y2, String color, boolean dashed) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
            + " stroke-width=\"1.2\"%s/>%n",
        x1,
        y1,
        x2,
        y2,
        color,
        dashed ? " stroke-dasharray=\"5,4\"" : "");
  }

  private static String text(int x, int y, String s, String anchor, int size, String weight) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s</text>%n",
        x,
        y,
        anchor,
        size,
        weight,
        s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
  }
}
