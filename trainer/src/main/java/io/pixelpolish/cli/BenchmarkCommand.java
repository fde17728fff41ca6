package io.pixelpolish.cli;

import io.pixelpolish.checkpoint.ShippedModel;
import io.pixelpolish.data.BenchmarkSuite;
import io.pixelpolish.eval.Benchmark;
import io.pixelpolish.inference.PolicyEnhancer;
import io.pixelpolish.reward.QualityMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description =
                "Score every method on a tree of image sets: the input, HE, CLAHE, Zero-DCE and Zero-DCE++ (weights "
                        + "given by path) and each PixelPolish checkpoint given. Writes per-set and pooled tables (NIQE, BRISQUE, "
                        + "brightness, entropy, gradient, EME; PSNR and SSIM where a high/ folder sits beside low/) as "
                        + "benchmark.csv, benchmark.json and benchmark.md, bar charts of the pooled figures and a contact sheet "
                        + "per set.")
final class BenchmarkCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    BaselineOptions baselines;

    @Mixin
    PolicyRunOptions policyRun;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data-root",
            required = true,
            paramLabel = "DIR",
            description = "Root the suite's set folders are relative to.")
    Path dataRoot;

    @Option(
            names = "--suite",
            paramLabel = "FILE",
            description = "Benchmark suite (YAML groups of sets); default: the suite of docs/benchmark.md.")
    Path suiteFile;

    @Option(
            names = "--out",
            defaultValue = "benchmark-report",
            paramLabel = "DIR",
            description = "Where the report goes. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(
            names = "--ckpt",
            paramLabel = "[NAME=]FILE",
            description =
                    "A PixelPolish checkpoint to score (repeatable); NAME labels it. Default: the released policy shipped with PixelPolish.")
    List<String> checkpoints = new ArrayList<>();

    @Option(
            names = "--markdown",
            paramLabel = "FILE",
            description =
                    "Where the Markdown report goes (default: OUT/benchmark.md); it links the charts and sheets in OUT.")
    Path markdownFile;

    @Option(
            names = "--sheet-images",
            defaultValue = "3",
            paramLabel = "N",
            description = "Images per set on its contact sheet. Default: ${DEFAULT-VALUE}.")
    int sheetImages;

    @Option(
            names = "--limit",
            paramLabel = "N",
            description = "Score at most this many images per set (for a quick look).")
    Integer limit;

    @Override
    public Integer call() throws Exception {
        engineOptions.apply();
        BenchmarkSuite suite = suiteFile != null ? BenchmarkSuite.read(suiteFile) : BenchmarkSuite.builtin();
        QualityMetrics metrics =
                QualityMetrics.forConfig(configOptions.load().config().reward());
        Benchmark benchmark = new Benchmark(new Benchmark.Settings(
                dataRoot,
                out,
                markdownFile,
                sheetImages,
                limit,
                "bin/pixelpolish "
                        + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                policyRun.maxPixels()));
        String markdown = benchmark.run(
                suite,
                baselines.baselines(true),
                policies(),
                metrics,
                spec.commandLine().getErr());
        spec.commandLine().getOut().print(markdown);
        spec.commandLine()
                .getOut()
                .println("\nreport: " + benchmark.markdown()
                        + " (with benchmark.csv, benchmark.json, charts and contact sheets in " + out + ")");
        return 0;
    }

    /** Each --ckpt under its report name (two checkpoints must not both be "pixelpolish"); the released policy without any. */
    private Map<String, PolicyEnhancer> policies() throws IOException {
        Map<String, PolicyEnhancer> policies = new LinkedHashMap<>();
        if (checkpoints.isEmpty()) {
            policies.put("pixelpolish", policyRun.load(ShippedModel.checkpoint()));
        }
        for (String checkpoint : checkpoints) {
            int eq = checkpoint.indexOf('=');
            String name = eq > 0
                    ? checkpoint.substring(0, eq)
                    : checkpoints.size() == 1
                            ? "pixelpolish"
                            : Path.of(checkpoint).getFileName().toString();
            policies.put(name, policyRun.load(Path.of(eq > 0 ? checkpoint.substring(eq + 1) : checkpoint)));
        }
        return policies;
    }
}
