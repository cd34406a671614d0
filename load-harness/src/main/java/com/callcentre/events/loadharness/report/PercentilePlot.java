package com.callcentre.events.loadharness.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Latency by percentile as a PNG, one line per series (ours, the peer's, or one per rate): the x
 * axis is "nines" (1 = p90, 2 = p99, 3 = p99.9), so the tail gets the room it deserves.
 */
public final class PercentilePlot {
  private static final double[] PERCENTILES = {0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100};

  private PercentilePlot() {}

  public static void write(Path png, String title, Map<String, Histogram> series) throws IOException {
    XYChart chart = new XYChartBuilder().width(900).height(540).title(title)
        .xAxisTitle("percentile, in nines (1 = p90, 2 = p99, 3 = p99.9, 4 = p99.99)").yAxisTitle("latency (ms)").build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    for (Map.Entry<String, Histogram> s : series.entrySet()) {
      if (s.getValue().getTotalCount() == 0) {
        continue;
      }
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (double p : PERCENTILES) {
        x.add(nines(p));
        y.add(s.getValue().getValueAtPercentile(p) / 1000.0);
      }
      chart.addSeries(s.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
    }
    if (chart.getSeriesMap().isEmpty()) {
      return;
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  /** 90 → 1, 99 → 2, 99.9 → 3; 100 is drawn a little beyond p99.99. */
  static double nines(double percentile) {
    return percentile >= 100 ? 4.5 : -Math.log10(1 - percentile / 100);
  }
}
