package io.pixelpolish.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.data.DataException;
import io.pixelpolish.io.DecodedImage;
import io.pixelpolish.io.EvalReport;
import io.pixelpolish.io.ImageFiles;
import io.pixelpolish.io.ImageTensors;
import io.pixelpolish.io.Progress;
import io.pixelpolish.model.Enhancer;
import io.pixelpolish.model.OpenCvEnhancer;
import io.pixelpolish.model.ZeroDce;
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
    /** Images above this are downscaled by an integer factor first, as the reference figures were. */
    private static final long MAX_PIXELS = 2_000_000;

    @Mixin PolicyOptions policy;
    @Mixin ConfigOptions configOptions;
    @Mixin EngineOptions engineOptions;
    @Spec CommandSpec spec;

    @Option(names = "--data-root", required = true, paramLabel = "DIR", description = "Folder of images, searched recursively.")
    Path dataRoot;

    @Option(names = "--out", defaultValue = "eval-report", paramLabel = "DIR", description = "Where the report goes. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--no-baselines", description = "Skip histogram equalisation and CLAHE.")
    boolean noBaselines;

    @Option(names = "--zerodce-weights", paramLabel = "FILE.npz", description = "Zero-DCE weights (e.g. Epoch99_state_dict.npz) to compare with.")
    Path zeroDceWeights;

    @Option(names = "--zerodcepp-weights", paramLabel = "FILE.npz", description = "Zero-DCE++ weights to compare with.")
    Path zeroDcePlusPlusWeights;

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
                    String name = dataRoot.relativize(file).toString();
                    try (NDScope scope = new NDScope()) {
                        NDArray input = atMostMaxPixels(ImageTensors.toTensor(manager, ImageFiles.read(file, ByteSwap.AUTO)));
                        report.add(name, "input", metrics.measure(input));
                        for (Enhancer method : methods) {
                            report.add(name, method.name(), metrics.measure(method.enhance(input)));
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
        String markdown = report.write(out, "Evaluation of " + policy.checkpoint + " on " + dataRoot);
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().println("\nreport: " + out.resolve("eval.md") + ", eval.csv, eval.json");
        return 0;
    }

    private List<Enhancer> methods(NDManager manager) throws IOException {
        List<Enhancer> methods = new ArrayList<>();
        methods.add(policy.load());
        if (!noBaselines) {
            methods.add(OpenCvEnhancer.histogramEqualization());
            methods.add(OpenCvEnhancer.clahe());
        }
        if (zeroDceWeights != null) {
            methods.add(ZeroDce.load(zeroDceWeights, false, manager));
        }
        if (zeroDcePlusPlusWeights != null) {
            methods.add(ZeroDce.load(zeroDcePlusPlusWeights, true, manager));
        }
        return methods;
    }

    /** Downscales by the smallest integer factor that brings the image to at most 2 megapixels (area averaging). */
    static NDArray atMostMaxPixels(NDArray image) {
        long height = image.getShape().get(2), width = image.getShape().get(3);
        int factor = 1;
        while (height * width / ((long) factor * factor) > MAX_PIXELS) {
            factor++;
        }
        if (factor == 1) {
            return image;
        }
        Shape window = new Shape(factor, factor);
        return Pool.avgPool2d(image, window, window, new Shape(0, 0), false, true);
    }
}
