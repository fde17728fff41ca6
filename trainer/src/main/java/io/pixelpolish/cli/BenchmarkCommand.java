package io.pixelpolish.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.data.BenchmarkSuite;
import io.pixelpolish.io.BarCharts;
import io.pixelpolish.io.ContactSheet;
import io.pixelpolish.io.EvalReport;
import io.pixelpolish.io.ImageFiles;
import io.pixelpolish.io.ImageTensors;
import io.pixelpolish.io.Progress;
import io.pixelpolish.io.RunFolder;
import io.pixelpolish.io.ShippedModel;
import io.pixelpolish.model.Enhancer;
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
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Score every method on a tree of image sets: the input, HE, CLAHE, Zero-DCE and Zero-DCE++ (weights "
                + "given by path) and each PixelPolish checkpoint given. Writes per-set and pooled tables (NIQE, BRISQUE, "
                + "brightness, entropy, gradient, EME; PSNR and SSIM where a high/ folder sits beside low/) as "
                + "benchmark.csv, benchmark.json and benchmark.md, bar charts of the pooled figures and a contact sheet "
                + "per set.")
final class BenchmarkCommand implements Callable<Integer> {
    private static final List<String> CHARTED = List.of("niqe", "brisque", "entropy", "eme", "brightness", "psnr", "ssim");

    @Mixin ConfigOptions configOptions;
    @Mixin EngineOptions engineOptions;
    @Mixin BaselineOptions baselines;
    @Mixin PolicyRunOptions policyRun;
    @Spec CommandSpec spec;

    @Option(names = "--data-root", required = true, paramLabel = "DIR", description = "Root the suite's set folders are relative to.")
    Path dataRoot;

    @Option(names = "--suite", paramLabel = "FILE", description = "Benchmark suite (YAML groups of sets); default: the suite of docs/benchmark.md.")
    Path suiteFile;

    @Option(names = "--out", defaultValue = "benchmark-report", paramLabel = "DIR", description = "Where the report goes. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--ckpt", paramLabel = "[NAME=]FILE",
            description = "A PixelPolish checkpoint to score (repeatable); NAME labels it. Default: the released policy shipped with PixelPolish.")
    List<String> checkpoints = new ArrayList<>();

    @Option(names = "--markdown", paramLabel = "FILE", description = "Where the Markdown report goes (default: OUT/benchmark.md); it links the charts and sheets in OUT.")
    Path markdownFile;

    @Option(names = "--sheet-images", defaultValue = "3", paramLabel = "N", description = "Images per set on its contact sheet. Default: ${DEFAULT-VALUE}.")
    int sheetImages;

    @Option(names = "--limit", paramLabel = "N", description = "Score at most this many images per set (for a quick look).")
    Integer limit;

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

    /** One image of a set, ready to score: the input as the suite sees it, and its ground truth if paired. */
    private record Sample(String image, NDArray input, NDArray truth) {}

    @Override
    public Integer call() throws Exception {
        engineOptions.apply();
        BenchmarkSuite suite = suiteFile != null ? BenchmarkSuite.read(suiteFile) : BenchmarkSuite.builtin();
        QualityMetrics metrics = QualityMetrics.forConfig(configOptions.load().config().reward());
        PrintWriter err = spec.commandLine().getErr();
        EvalReport report = new EvalReport();
        Map<String, List<String>> setsByGroup = new LinkedHashMap<>();
        List<String> methodNames = new ArrayList<>(List.of(EvalReport.INPUT));
        Files.createDirectories(out);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            List<Enhancer> methods = methods(manager);
            methods.forEach(m -> methodNames.add(m.name()));
            try {
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
                methods.forEach(Enhancer::close);
            }
        }
        String markdown = writeReport(suite, report, setsByGroup, methodNames);
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().println("\nreport: " + markdown() + " (with benchmark.csv, benchmark.json, charts and contact sheets in " + out + ")");
        return 0;
    }

    private List<Enhancer> methods(NDManager manager) throws IOException {
        List<Enhancer> methods = baselines.load(true, manager);
        if (checkpoints.isEmpty()) {
            methods.add(policyRun.load(ShippedModel.checkpoint()));
        }
        for (String checkpoint : checkpoints) {
            int eq = checkpoint.indexOf('=');
            String name = eq > 0 ? checkpoint.substring(0, eq) : checkpoints.size() == 1 ? "pixelpolish" : Path.of(checkpoint).getFileName().toString();
            Path file = Path.of(eq > 0 ? checkpoint.substring(eq + 1) : checkpoint);
            methods.add(new Named(name, policyRun.load(file)));
        }
        return methods;
    }

    private void scoreSet(BenchmarkSuite.Group group, String set, String label, List<Enhancer> methods, QualityMetrics metrics,
            NDManager manager, EvalReport report, PrintWriter err) throws IOException {
        Path folder = dataRoot.resolve(set);
        boolean paired = Files.isDirectory(folder.resolve("low")) && Files.isDirectory(folder.resolve("high"));
        List<Path> files = ImageInputs.list("set " + set + " under --data-root", paired ? folder.resolve("low") : folder);
        if (limit != null) {
            files = files.subList(0, Math.min(limit, files.size()));
        }
        List<List<NDArray>> sheet = new ArrayList<>();
        try (NDManager sheetManager = manager.newSubManager();
                ProgressBar bar = Progress.bar(label, files.size(), "images")) {
            for (Path file : files) {
                try (NDScope scope = new NDScope()) {
                    Sample sample = load(file, paired ? folder.resolve("high").resolve(file.getFileName()) : null, group.gray(), manager);
                    List<NDArray> row = new ArrayList<>(List.of(sample.input()));
                    report.add(label, sample.image(), EvalReport.INPUT, scores(metrics, sample.input(), sample));
                    for (Enhancer method : methods) {
                        NDArray result = method.enhance(sample.input());
                        report.add(label, sample.image(), method.name(), scores(metrics, result, sample));
                        row.add(result);
                    }
                    if (sheet.size() < sheetImages) {
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
        NDArray input = prepare(ImageTensors.toTensor(manager, ImageFiles.read(file, ByteSwap.AUTO)), gray);
        NDArray truth = truthFile == null ? null : prepare(ImageTensors.toTensor(manager, ImageFiles.read(truthFile, ByteSwap.NEVER)), gray);
        return new Sample(file.getFileName().toString(), input, truth);
    }

    private static NDArray prepare(NDArray image, boolean gray) {
        NDArray sized = ImageTensors.atMostPixels(image, BaselineOptions.MAX_PIXELS);
        return gray ? ImageTensors.toGray(sized) : sized;
    }

    private static Map<String, Double> scores(QualityMetrics metrics, NDArray image, Sample sample) {
        Map<String, Double> values = metrics.measure(image);
        if (sample.truth() != null) {
            values.put("psnr", FullReferenceMetrics.psnr(image, sample.truth()));
            values.put("ssim", FullReferenceMetrics.ssim(image, sample.truth()));
        }
        return values;
    }

    private String writeReport(BenchmarkSuite suite, EvalReport report, Map<String, List<String>> setsByGroup, List<String> methods)
            throws IOException {
        StringBuilder md = new StringBuilder("# Benchmark\n\nReproduce with `").append(commandLine()).append("`.\n\nData: `")
                .append(dataRoot).append("`. Lower is better for NIQE and ")
                .append("BRISQUE, higher for PSNR and SSIM; brightness is the mean of 8-bit gray. Each Δ is the change against ")
                .append("the input. Images over 2 megapixels are first downscaled by a whole factor.\n");
        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Map<String, Map<String, Double>>> pooledByGroup = new LinkedHashMap<>();
        for (BenchmarkSuite.Group group : suite.groups()) {
            List<String> sets = setsByGroup.get(group.name());
            var pooled = report.means(row -> sets.contains(row.set()));
            pooledByGroup.put(group.title(), pooled);
            md.append("\n## ").append(group.title()).append("\n\nPooled over ").append(report.imageCount(row -> sets.contains(row.set())))
                    .append(" images of ").append(String.join(", ", group.sets())).append(":\n\n")
                    .append(EvalReport.markdownTable(pooled));
            for (String set : sets) {
                md.append("\n<details><summary>").append(set).append(" (").append(report.imageCount(row -> row.set().equals(set)))
                        .append(" images)</summary>\n\n").append(EvalReport.markdownTable(report.means(row -> row.set().equals(set))))
                        .append("\n</details>\n");
            }
            md.append("\nContact sheets (rows: images; columns: ").append(String.join(" | ", methods)).append("):\n\n");
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
                Path chart = out.resolve("chart-" + metric + ".png");
                BarCharts.write(chart, metric, metric.equals("niqe") || metric.equals("brisque") ? "lower is better" : "", methods, byGroup);
                md.append("![").append(metric).append("](").append(link(chart)).append(")\n");
            }
        }
        summary.put("data_root", dataRoot.toString());
        summary.put("pooled", pooledByGroup);
        report.writeData(out, "benchmark", summary);
        Files.createDirectories(markdown().toAbsolutePath().getParent());
        RunFolder.writeAtomically(markdown(), md.toString());
        return md.toString();
    }

    /** This run's own command line, so the report says how to reproduce it. */
    private String commandLine() {
        return "bin/pixelpolish " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }

    /** Where the contact sheet of the set labelled {@code label} (group/set) goes. */
    private Path sheetFile(String label) {
        return out.resolve("sheet-" + label.replace('/', '-') + ".png");
    }

    private Path markdown() {
        return markdownFile != null ? markdownFile : out.resolve("benchmark.md");
    }

    /** {@code file}'s path as the Markdown report links it. */
    private String link(Path file) {
        Path from = markdown().toAbsolutePath().normalize().getParent();
        return from.relativize(file.toAbsolutePath().normalize()).toString();
    }
}
