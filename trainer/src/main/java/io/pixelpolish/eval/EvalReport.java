package io.pixelpolish.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pixelpolish.checkpoint.RunFolder;
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
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The numbers of an evaluation or benchmark: one row per image and method, means per method over any
 * selection of rows (a set, a pooled group) and their change against the unenhanced input, written as
 * CSV, JSON and Markdown tables.
 */
public final class EvalReport {
    /** The method name of the unenhanced input, the row every Δ is taken against. */
    public static final String INPUT = "input";

    /** One image of a set enhanced by one method, and what the metrics say of the result. */
    public record Row(String set, String image, String method, Map<String, Double> metrics) {}

    private final List<Row> rows = new ArrayList<>();

    /** Metrics in the order tables show them; others follow in the order they came. */
    private static final List<String> ORDER = List.of(
            "niqe",
            "brisque",
            "brightness",
            "entropy",
            "gradient",
            "eme",
            "colorfulness",
            "exposure_error",
            "clipped",
            "colorfulness_ratio",
            "eme_ratio",
            "psnr",
            "ssim",
            "clipiqa",
            "musiq",
            "brisque_release");

    public void add(String set, String image, String method, Map<String, Double> values) {
        Map<String, Double> ordered = new LinkedHashMap<>();
        ORDER.stream().filter(values::containsKey).forEach(metric -> ordered.put(metric, values.get(metric)));
        values.forEach(ordered::putIfAbsent);
        rows.add(new Row(set, image, method, java.util.Collections.unmodifiableMap(ordered)));
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /**
     * Mean of each metric per method over the selected rows where the metric is defined (NIQE is not,
     * on small images), methods and metrics in the order they were first added.
     */
    public Map<String, Map<String, Double>> means(Predicate<Row> selected) {
        List<Row> chosen = rows.stream().filter(selected).toList();
        Set<String> methods = new LinkedHashSet<>(), metrics = new LinkedHashSet<>();
        chosen.forEach(r -> {
            methods.add(r.method());
            metrics.addAll(r.metrics().keySet());
        });
        Map<String, Map<String, Double>> means = new LinkedHashMap<>();
        for (String method : methods) {
            Map<String, Double> perMetric = new LinkedHashMap<>();
            for (String metric : metrics) {
                perMetric.put(
                        metric,
                        chosen.stream()
                                .filter(r -> r.method().equals(method))
                                .map(r -> r.metrics().getOrDefault(metric, Double.NaN))
                                .filter(v -> !v.isNaN())
                                .mapToDouble(Double::doubleValue)
                                .average()
                                .orElse(Double.NaN));
            }
            means.put(method, perMetric);
        }
        return means;
    }

    /** Images among the selected rows. */
    public long imageCount(Predicate<Row> selected) {
        return rows.stream()
                .filter(selected)
                .map(r -> r.set() + "/" + r.image())
                .distinct()
                .count();
    }

    /** A Markdown table of {@link #means}: one row per method, each value with its Δ against the input. */
    public static String markdownTable(Map<String, Map<String, Double>> means) {
        List<String> metrics = means.values().stream()
                .findFirst()
                .map(m -> List.copyOf(m.keySet()))
                .orElse(List.of());
        StringBuilder md = new StringBuilder("| method | ")
                .append(String.join(" | ", metrics))
                .append(" |\n|---|")
                .append(metrics.stream().map(m -> "---|").collect(Collectors.joining()))
                .append('\n');
        Map<String, Double> input = means.get(INPUT);
        for (Map.Entry<String, Map<String, Double>> method : means.entrySet()) {
            md.append("| ").append(method.getKey()).append(" |");
            for (String metric : metrics) {
                double value = method.getValue().get(metric);
                md.append(' ').append(format(value));
                if (input != null
                        && !method.getKey().equals(INPUT)
                        && !Double.isNaN(value)
                        && !Double.isNaN(input.get(metric))) {
                    double delta = value - input.get(metric);
                    md.append(" (Δ ")
                            .append(delta >= 0 ? "+" : "")
                            .append(format(delta))
                            .append(')');
                }
                md.append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** Writes {@code <name>.csv} (every row) and {@code <name>.json} (rows and {@code summary}) into {@code dir}. */
    public void writeData(Path dir, String name, Map<String, Object> summary) throws IOException {
        Files.createDirectories(dir);
        Set<String> metrics = new LinkedHashSet<>();
        rows.forEach(r -> metrics.addAll(r.metrics().keySet()));
        StringBuilder csv = new StringBuilder("set,image,method,")
                .append(String.join(",", metrics))
                .append('\n');
        for (Row row : rows) {
            csv.append(quote(row.set()))
                    .append(',')
                    .append(quote(row.image()))
                    .append(',')
                    .append(row.method());
            for (String metric : metrics) {
                csv.append(',').append(format(row.metrics().getOrDefault(metric, Double.NaN)));
            }
            csv.append('\n');
        }
        RunFolder.writeAtomically(dir.resolve(name + ".csv"), csv.toString());
        Map<String, Object> json = new LinkedHashMap<>(summary);
        json.put("rows", rows);
        RunFolder.writeAtomically(
                dir.resolve(name + ".json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
    }

    public static String format(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.4f", value);
    }

    private static String quote(String field) {
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
