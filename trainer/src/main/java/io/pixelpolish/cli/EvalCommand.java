package io.pixelpolish.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.data.DataException;
import io.pixelpolish.io.DecodedImage;
import io.pixelpolish.io.EvalReport;
import io.pixelpolish.io.ImageFiles;
import io.pixelpolish.io.ImageTensors;
import io.pixelpolish.io.Progress;
import io.pixelpolish.io.RunFolder;
import io.pixelpolish.model.Enhancer;
import io.pixelpolish.reward.QualityMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score a policy on a folder of images against the unenhanced input and baselines (histogram "
                + "equalisation, CLAHE, and Zero-DCE / Zero-DCE++ from weights you give): per image and mean NIQE, BRISQUE, "
                + "CLIP-IQA and MUSIQ (when the config names their models), brightness, entropy, gradient and EME, written "
                + "as eval.csv, eval.json and eval.md.")
final class EvalCommand implements Callable<Integer> {
    @Mixin PolicyOptions policy;
    @Mixin BaselineOptions baselines;
    @Mixin ConfigOptions configOptions;
    @Mixin EngineOptions engineOptions;
    @Spec CommandSpec spec;

    @Option(names = "--data-root", required = true, paramLabel = "DIR", description = "Folder of images, searched recursively.")
    Path dataRoot;

    @Option(names = "--out", defaultValue = "eval-report", paramLabel = "DIR", description = "Where the report goes. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--no-baselines", description = "Skip histogram equalisation and CLAHE.")
    boolean noBaselines;

    @Override
    public Integer call() throws Exception {
        engineOptions.apply();
        if (!Files.isDirectory(dataRoot)) {
            throw new DataException("--data-root " + dataRoot + ": no such folder");
        }
        List<Path> files = ImageInputs.list("--data-root", dataRoot);
        PrintWriter err = spec.commandLine().getErr();
        QualityMetrics metrics = QualityMetrics.forConfig(configOptions.load().config().reward());
        EvalReport report = new EvalReport();
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            List<Enhancer> methods = methods(manager);
            try (ProgressBar bar = Progress.bar("eval", files.size(), "images")) {
                for (Path file : files) {
                    Path relative = dataRoot.relativize(file);
                    String set = relative.getParent() == null ? "." : relative.getParent().toString();
                    String name = relative.getFileName().toString();
                    try (NDScope scope = new NDScope()) {
                        NDArray input = ImageTensors.atMostPixels(ImageTensors.toTensor(manager, ImageFiles.read(file, ByteSwap.AUTO)), BaselineOptions.MAX_PIXELS);
                        report.add(set, name, EvalReport.INPUT, metrics.measure(input));
                        for (Enhancer method : methods) {
                            report.add(set, name, method.name(), metrics.measure(method.enhance(input)));
                        }
                        scope.suppressNotUsedWarning();
                    } catch (IOException e) {
                        err.println("skipping " + file + ": " + e.getMessage());
                    }
                    bar.step();
                }
            } finally {
                methods.forEach(Enhancer::close);
            }
        }
        String title = "Evaluation of " + policy.label() + " on " + dataRoot;
        var means = report.means(row -> true);
        report.writeData(out, "eval", java.util.Map.of("title", title, "mean", means));
        String markdown = "# " + title + "\n\nMean over " + report.imageCount(row -> true)
                + " image(s); Δ is the change against the input.\n\n" + EvalReport.markdownTable(means);
        RunFolder.writeAtomically(out.resolve("eval.md"), markdown);
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().println("\nreport: " + out.resolve("eval.md") + ", eval.csv, eval.json");
        return 0;
    }

    private List<Enhancer> methods(NDManager manager) throws IOException {
        List<Enhancer> methods = new ArrayList<>();
        methods.add(policy.load());
        methods.addAll(baselines.load(!noBaselines, manager));
        return methods;
    }
}
