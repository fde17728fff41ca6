package io.pixelpolish.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The numbers of an evaluation: one row per image and method, with the mean per method and its
 * change against the unenhanced input, written as CSV, JSON and a Markdown summary.
 */
public final class EvalReport {
    /** One image enhanced by one method, and what the metrics say of the result. */
    public record Row(String image, String method, Map<String, Double> metrics) {}

    private final List<Row> rows = new ArrayList<>();
    private final Set<String> methods = new LinkedHashSet<>();
    private final Set<String> metrics = new LinkedHashSet<>();

    public void add(String image, String method, Map<String, Double> values) {
        rows.add(new Row(image, method, Map.copyOf(values)));
        methods.add(method);
        metrics.addAll(values.keySet());
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Mean of each metric per method over the images where it is defined (NIQE is not, on small images). */
    public Map<String, Map<String, Double>> means() {
        Map<String, Map<String, Double>> means = new LinkedHashMap<>();
        for (String method : methods) {
            Map<String, Double> perMetric = new LinkedHashMap<>();
            for (String metric : metrics) {
                perMetric.put(metric, rows.stream().filter(r -> r.method().equals(method))
                        .map(r -> r.metrics().getOrDefault(metric, Double.NaN)).filter(v -> !v.isNaN())
                        .mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
            }
            means.put(method, perMetric);
        }
        return means;
    }

    /** Writes eval.csv, eval.json and eval.md into {@code dir}; returns the Markdown. */
    public String write(Path dir, String title) throws IOException {
        Files.createDirectories(dir);
        List<String> header = new ArrayList<>(List.of("image", "method"));
        header.addAll(metrics);
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (Row row : rows) {
            csv.append(quote(row.image())).append(',').append(row.method());
            for (String metric : metrics) {
                csv.append(',').append(format(row.metrics().getOrDefault(metric, Double.NaN)));
            }
            csv.append('\n');
        }
        RunFolder.writeAtomically(dir.resolve("eval.csv"), csv.toString());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("mean", means());
        json.put("rows", rows);
        RunFolder.writeAtomically(dir.resolve("eval.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        String markdown = markdown(title);
        RunFolder.writeAtomically(dir.resolve("eval.md"), markdown);
        return markdown;
    }

    private String markdown(String title) {
        Map<String, Map<String, Double>> means = means();
        long images = rows.stream().map(Row::image).distinct().count();
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n")
                .append("Mean over ").append(images).append(" image(s); Δ is the change against the input.\n\n");
        md.append("| method | ").append(String.join(" | ", metrics)).append(" |\n|---|")
                .append(metrics.stream().map(m -> "---|").collect(Collectors.joining())).append('\n');
        Map<String, Double> input = means.get("input");
        for (Map.Entry<String, Map<String, Double>> method : means.entrySet()) {
            md.append("| ").append(method.getKey()).append(" |");
            for (String metric : metrics) {
                double value = method.getValue().get(metric);
                md.append(' ').append(format(value));
                if (input != null && !method.getKey().equals("input")) {
                    double delta = value - input.get(metric);
                    md.append(" (Δ ").append(delta >= 0 ? "+" : "").append(format(delta)).append(')');
                }
                md.append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String quote(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
