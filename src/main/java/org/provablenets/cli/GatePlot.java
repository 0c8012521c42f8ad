package org.provablenets.cli;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A PNG line plot of squared distances against the step, log scale on y, drawn with XChart in
 * headless mode (no display is needed: {@code java.awt.headless} is set before AWT is touched).
 *
 * <p>A log axis cannot show 0, so points whose value is not positive and finite (a double
 * trajectory that reached w* exactly, a bound below the smallest double) are left out of their
 * line, and each line is thinned to at most {@value #MAX_POINTS} points (every k-th step, the last
 * step always kept).
 */
final class GatePlot {
  /** Most points drawn per line. */
  static final int MAX_POINTS = 4000;

  private static final Color[] COLORS = {
    new Color(0x1f, 0x77, 0xb4), new Color(0xd6, 0x27, 0x28), new Color(0x2c, 0xa0, 0x2c)
  };

  /** One line: its legend name and its value at steps 0..T. */
  static final class Line {
    final String name;
    final double[] values;
    final boolean dashed;
    /** Index into the palette; -1 for the line's position in the list. */
    final int color;
    /** Whether the legend names this line. */
    final boolean inLegend;

    Line(String name, double[] values, boolean dashed) {
      this(name, values, dashed, -1, true);
    }

    Line(String name, double[] values, boolean dashed, int color, boolean inLegend) {
      this.name = name;
      this.values = values.clone();
      this.dashed = dashed;
      this.color = color;
      this.inLegend = inLegend;
    }
  }

  private GatePlot() {}

  /**
   * The PNG bytes of the plot.
   *
   * @throws IllegalArgumentException if no line has a positive value to draw
   */
  static byte[] png(String title, List<Line> lines) {
    return png(title, "step t", "||w - w*||^2 after t steps (log scale)", lines,
        Styler.LegendPosition.InsideSW);
  }

  /**
   * The PNG bytes of a plot with the given axis titles; lines sharing a {@link Line#color} are
   * drawn in the same colour (a mean and its confidence band, say).
   *
   * @throws IllegalArgumentException if no line has a positive value to draw
   */
  static byte[] png(String title, String xTitle, String yTitle, List<Line> lines,
      Styler.LegendPosition legend) {
    System.setProperty("java.awt.headless", "true");
    XYChart chart =
        new XYChartBuilder()
            .width(900)
            .height(560)
            .title(title)
            .xAxisTitle(xTitle)
            .yAxisTitle(yTitle)
            .build();
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLegendPosition(legend);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(0);
    chart.getStyler().setXAxisMaxLabelCount(12);
    int drawn = 0;
    for (int i = 0; i < lines.size(); i++) {
      Line l = lines.get(i);
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      int n = l.values.length;
      int stride = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
      for (int t = 0; t < n; t++) {
        double v = l.values[t];
        if ((t % stride == 0 || t == n - 1) && v > 0 && Double.isFinite(v)) {
          xs.add((double) t);
          ys.add(v);
        }
      }
      if (xs.isEmpty()) {
        continue;
      }
      XYSeries s = chart.addSeries(l.name, xs, ys);
      s.setMarker(SeriesMarkers.NONE);
      s.setLineColor(COLORS[(l.color >= 0 ? l.color : i) % COLORS.length]);
      s.setLineWidth(2f);
      s.setShowInLegend(l.inLegend);
      if (l.dashed) {
        s.setLineStyle(
            new java.awt.BasicStroke(
                2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 6f}, 0f));
      }
      drawn++;
    }
    if (drawn == 0) {
      throw new IllegalArgumentException("nothing to plot: no positive value on a log scale");
    }
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("the plot could not be encoded as PNG", e);
    }
  }
}
