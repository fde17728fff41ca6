package io.pixelpolish.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.pixelpolish.baseline.Baselines;
import io.pixelpolish.checkpoint.RunFolder;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.console.Progress;
import io.pixelpolish.data.BenchmarkSuite;
import io.pixelpolish.data.DataException;
import io.pixelpolish.data.ImageInputs;
import io.pixelpolish.image.ContactSheet;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.image.ImageTensors;
import io.pixelpolish.inference.Enhancer;
import io.pixelpolish.reward.FullReferenceMetrics;
import io.pixelpolish.reward.QualityMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;

/**
 * Scores every method on a suite of image sets: the input, the baselines and each policy given.
 * Writes per-set and pooled tables (PSNR and SSIM where a {@code high/} folder sits beside
 * {@code low/}) as benchmark.csv, benchmark.json and benchmark.md, bar charts of the pooled figures
 * and a contact sheet per set. A 16-bit input's results are scored as their saved files show them
 * (display-ready, as {@code enhance} writes them), the input as read (stretched to its own range).
 */
public final class Benchmark {
    /** Measures a release is judged on as a factor of the input's: colour kept, local contrast gained. */
    private static final List<String> RATIOS = List.of("colorfulness", "eme");

    private static final List<String> CHARTED = List.of(
            "niqe", "brisque", "entropy", "eme", "colorfulness", "exposure_error", "brightness", "psnr", "ssim");

    /**
     * @param markdownFile where the Markdown report goes; null: {@code out/benchmark.md}
     * @param limit at most this many images per set; null: all
     * @param commandLine how to reproduce this benchmark, quoted in the report
     * @param maxPixels images declaring more pixels are skipped unread
     */
    public record Settings(
            Path dataRoot,
            Path out,
            Path markdownFile,
            int sheetImages,
            Integer limit,
            String commandLine,
            long maxPixels) {}

    private final Settings settings;

    public Benchmark(Settings settings) {
        this.settings = settings;
    }

    /** A method under a report name of our choosing (two checkpoints must not both be "pixelpolish"). */
    private record Named(String name, Enhancer method) implements Enhancer {
        @Override
        public NDArray enhance(NDArray rgb) {
            return method.enhance(rgb);
        }

        @Override
        public void close() {
            method.close();
        }
    }

    /**
     * One image of a set, ready to score: the input as the suite sees it, its ground truth if paired,
     * and its decoded form, which results of a 16-bit input are saved like before they are scored.
     */
    private record Sample(String image, NDArray input, NDArray truth, DecodedImage decoded) {
        /** What a user gets from {@code enhance} for this input: a 16-bit result as its saved file shows it. */
        NDArray asDelivered(NDArray result) throws IOException {
            return decoded.bitDepth() == 16 ? ImageTensors.asSaved(result, decoded) : result;
        }
    }

    /**
     * @param policies the policies to score, by report name; closed here with the baselines
     * @return the Markdown report, also written to {@link #markdown()}
     */
    public String run(
            BenchmarkSuite suite,
            Baselines baselines,
            Map<String, ? extends Enhancer> policies,
            QualityMetrics metrics,
            PrintWriter err)
            throws IOException {
        EvalReport report = new EvalReport();
        Map<String, List<String>> setsByGroup = new LinkedHashMap<>();
        List<String> methodNames = new ArrayList<>(List.of(EvalReport.INPUT));
        Files.createDirectories(settings.out());
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            List<Enhancer> named = new ArrayList<>();
            policies.forEach((name, policy) -> named.add(new Named(name, policy)));
            List<Enhancer> baselineMethods = new ArrayList<>();
            try {
                baselineMethods.addAll(baselines.load(manager));
                List<Enhancer> methods = new ArrayList<>(baselineMethods);
                methods.addAll(named);
                methods.forEach(m -> methodNames.add(m.name()));
                for (BenchmarkSuite.Group group : suite.groups()) {
                    List<String> labels = new ArrayList<>();
                    for (String set : group.sets()) {
                        String label = group.name() + "/" + Path.of(set).getFileName();
                        labels.add(label);
                        scoreSet(group, set, label, methods, metrics, manager, report, err);
                    }
                    setsByGroup.put(group.name(), labels);
                }
            } finally {
                baselineMethods.forEach(Enhancer::close);
                named.forEach(Enhancer::close);
            }
        }
        String markdown = writeReport(suite, report, setsByGroup, methodNames);
        List<String> unscored = setsByGroup.values().stream()
                .flatMap(List::stream)
                .filter(set -> report.imageCount(row -> row.set().equals(set)) == 0)
                .toList();
        if (!unscored.isEmpty()) {
            throw new DataException("no image of " + String.join(", ", unscored)
                    + " could be read (see the messages above); the report written leaves them out");
        }
        return markdown;
    }

    private void scoreSet(
            BenchmarkSuite.Group group,
            String set,
            String label,
            List<Enhancer> methods,
            QualityMetrics metrics,
            NDManager manager,
            EvalReport report,
            PrintWriter err)
            throws IOException {
        Path folder = settings.dataRoot().resolve(set);
        boolean paired = Files.isDirectory(folder.resolve("low")) && Files.isDirectory(folder.resolve("high"));
        List<Path> files =
                ImageInputs.list("set " + set + " under --data-root", paired ? folder.resolve("low") : folder);
        if (settings.limit() != null) {
            files = files.subList(0, Math.min(settings.limit(), files.size()));
        }
        List<List<NDArray>> sheet = new ArrayList<>();
        try (NDManager sheetManager = manager.newSubManager();
                ProgressBar bar = Progress.bar(label, files.size(), "images")) {
            for (Path file : files) {
                try (NDScope scope = new NDScope()) {
                    Sample sample = load(
                            file,
                            paired ? folder.resolve("high").resolve(file.getFileName()) : null,
                            group.gray(),
                            manager);
                    List<NDArray> row = new ArrayList<>(List.of(sample.input()));
                    Map<String, Double> input = scores(metrics, sample.input(), sample);
                    report.add(label, sample.image(), EvalReport.INPUT, withRatios(input, input));
                    for (Enhancer method : methods) {
                        NDArray result = sample.asDelivered(method.enhance(sample.input()));
                        report.add(
                                label,
                                sample.image(),
                                method.name(),
                                withRatios(scores(metrics, result, sample), input));
                        row.add(result);
                    }
                    if (sheet.size() < settings.sheetImages()) {
                        List<NDArray> thumbs = new ArrayList<>();
                        for (NDArray cell : row) {
                            NDArray thumb = ImageTensors.thumbnail(cell, 180, 240);
                            NDScope.unregister(thumb);
                            thumb.attach(sheetManager);
                            thumbs.add(thumb);
                        }
                        sheet.add(thumbs);
                    }
                    scope.suppressNotUsedWarning();
                } catch (IOException e) {
                    err.println("skipping " + file + ": " + e.getMessage());
                }
                bar.step();
            }
            if (!sheet.isEmpty()) {
                ContactSheet.write(sheetFile(label), sheet);
            }
        }
    }

    private Sample load(Path file, Path truthFile, boolean gray, NDManager manager) throws IOException {
        DecodedImage decoded = ImageFiles.read(file, ByteSwap.AUTO, settings.maxPixels());
        NDArray input = prepare(ImageTensors.forScoring(manager, decoded), gray);
        NDArray truth = truthFile == null
                ? null
                : prepare(
                        ImageTensors.forScoring(
                                manager, ImageFiles.read(truthFile, ByteSwap.NEVER, settings.maxPixels())),
                        gray);
        return new Sample(file.getFileName().toString(), input, truth, decoded);
    }

    private static NDArray prepare(NDArray sized, boolean gray) {
        return gray ? ImageTensors.toGray(sized) : sized;
    }

    /**
     * {@code scores} with each {@link #RATIOS} measure also as its ratio to the input's on the same
     * image (1 for the input), so a table's mean ratio says by what factor a method changes it
     * image by image; NaN where the input's is 0 (colourfulness of a gray image).
     */
    private static Map<String, Double> withRatios(Map<String, Double> scores, Map<String, Double> input) {
        Map<String, Double> values = new LinkedHashMap<>(scores);
        for (String measure : RATIOS) {
            double of = input.get(measure);
            values.put(measure + "_ratio", of > 0 ? scores.get(measure) / of : Double.NaN);
        }
        return values;
    }

    private static Map<String, Double> scores(QualityMetrics metrics, NDArray image, Sample sample) {
        Map<String, Double> values = metrics.measure(image);
        if (sample.truth() != null) {
            values.put("psnr", FullReferenceMetrics.psnr(image, sample.truth()));
            values.put("ssim", FullReferenceMetrics.ssim(image, sample.truth()));
        }
        return values;
    }

    private String writeReport(
            BenchmarkSuite suite, EvalReport report, Map<String, List<String>> setsByGroup, List<String> methods)
            throws IOException {
        StringBuilder md = new StringBuilder("# Benchmark\n\nReproduce with `")
                .append(settings.commandLine())
                .append("`.\n\nData: `")
                .append(settings.dataRoot())
                .append("`. Lower is better for NIQE and ")
                .append(
                        "BRISQUE, higher for PSNR and SSIM; brightness is the mean of 8-bit gray. Each Δ is the change against ")
                .append("the input. Colourfulness is Hasler and Suesstrunk's, exposure_error the distance of mean luma")
                .append(" from 0.5, clipped the fraction of pixels at 8-bit 0 or 255; a _ratio is the mean over images")
                .append(" of output / input. 16-bit results are scored as their saved files show them. Images over 2")
                .append(" megapixels are first downscaled by a whole factor.\n");
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Double>>> pooledByGroup = new LinkedHashMap<>();
        for (BenchmarkSuite.Group group : suite.groups()) {
            List<String> sets = setsByGroup.get(group.name());
            var pooled = report.means(row -> sets.contains(row.set()));
            pooledByGroup.put(group.title(), pooled);
            md.append("\n## ")
                    .append(group.title())
                    .append("\n\nPooled over ")
                    .append(report.imageCount(row -> sets.contains(row.set())))
                    .append(" images of ")
                    .append(String.join(", ", group.sets()))
                    .append(":\n\n")
                    .append(EvalReport.markdownTable(pooled));
            for (String set : sets) {
                md.append("\n<details><summary>")
                        .append(set)
                        .append(" (")
                        .append(report.imageCount(row -> row.set().equals(set)))
                        .append(" images)</summary>\n\n")
                        .append(EvalReport.markdownTable(
                                report.means(row -> row.set().equals(set))))
                        .append("\n</details>\n");
            }
            md.append("\nContact sheets (rows: images; columns: ")
                    .append(String.join(" | ", methods))
                    .append("):\n\n");
            for (String set : sets) {
                Path sheet = sheetFile(set);
                if (Files.exists(sheet)) {
                    md.append("![").append(set).append("](").append(link(sheet)).append(")\n");
                }
            }
        }
        md.append("\n## Charts\n\n");
        for (String metric : CHARTED) {
            Map<String, Map<String, Double>> byGroup = new LinkedHashMap<>();
            pooledByGroup.forEach((group, means) -> {
                Map<String, Double> values = new LinkedHashMap<>();
                means.forEach((method, perMetric) -> {
                    if (perMetric.containsKey(metric)) {
                        values.put(method, perMetric.get(metric));
                    }
                });
                if (!values.isEmpty()) {
                    byGroup.put(group, values);
                }
            });
            if (!byGroup.isEmpty()) {
                Path chart = settings.out().resolve("chart-" + metric + ".png");
                BarCharts.write(
                        chart,
                        metric,
                        metric.equals("niqe") || metric.equals("brisque") ? "lower is better" : "",
                        methods,
                        byGroup);
                md.append("![").append(metric).append("](").append(link(chart)).append(")\n");
            }
        }
        summary.put("data_root", settings.dataRoot().toString());
        summary.put("pooled", pooledByGroup);
        report.writeData(settings.out(), "benchmark", summary);
        Files.createDirectories(markdown().toAbsolutePath().getParent());
        RunFolder.writeAtomically(markdown(), md.toString());
        return md.toString();
    }

    /** Where the contact sheet of the set labelled {@code label} (group/set) goes. */
    private Path sheetFile(String label) {
        return settings.out().resolve("sheet-" + label.replace('/', '-') + ".jpg");
    }

    /** Where the Markdown report goes. */
    public Path markdown() {
        return settings.markdownFile() != null
                ? settings.markdownFile()
                : settings.out().resolve("benchmark.md");
    }

    /** {@code file}'s path as the Markdown report links it. */
    private String link(Path file) {
        Path from = markdown().toAbsolutePath().normalize().getParent();
        return from.relativize(file.toAbsolutePath().normalize()).toString();
    }
}
