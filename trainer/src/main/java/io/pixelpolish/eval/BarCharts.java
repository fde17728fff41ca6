package io.pixelpolish.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Grouped bar charts of one metric: methods along the axis, one bar series per group of sets. */
public final class BarCharts {
    private BarCharts() {}

    /**
     * @param valuesByGroup group title to (method to value); methods missing from a group are drawn as 0
     * @param methods the methods, in axis order
     */
    public static void write(
            Path file, String metric, String note, List<String> methods, Map<String, Map<String, Double>> valuesByGroup)
            throws IOException {
        CategoryChart chart = new CategoryChartBuilder()
                .width(900)
                .height(420)
                .title(metric + (note.isEmpty() ? "" : " (" + note + ")"))
                .xAxisTitle("method")
                .yAxisTitle(metric)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (Map.Entry<String, Map<String, Double>> group : valuesByGroup.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (String method : methods) {
                Double value = group.getValue().get(method);
                values.add(value == null || value.isNaN() ? 0.0 : value);
            }
            chart.addSeries(group.getKey(), methods, values);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
