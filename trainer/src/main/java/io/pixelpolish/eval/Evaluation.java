package io.pixelpolish.eval;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.pixelpolish.baseline.Baselines;
import io.pixelpolish.checkpoint.RunFolder;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.console.Progress;
import io.pixelpolish.data.DataException;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.image.ImageTensors;
import io.pixelpolish.inference.Enhancer;
import io.pixelpolish.reward.QualityMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;

/**
 * Scores a policy and its baselines on a folder of images against the unenhanced input: per image
 * and mean, written as eval.csv, eval.json and eval.md. Unreadable images are skipped with a message;
 * when none is left to score, that is bad input and no report is written.
 */
public final class Evaluation {
    private Evaluation() {}

    /**
     * @param policy scored first, under its own name; closed here with the baselines
     * @return the Markdown report, also written to {@code out/eval.md}
     */
    public static String run(
            Path dataRoot,
            List<Path> files,
            Enhancer policy,
            String policyLabel,
            Baselines baselines,
            QualityMetrics metrics,
            Path out,
            long maxPixels,
            PrintWriter err)
            throws IOException {
        EvalReport report = new EvalReport();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            List<Enhancer> methods = new ArrayList<>(List.of(policy));
            try {
                methods.addAll(baselines.load(manager));
                score(dataRoot, files, methods, metrics, maxPixels, manager, report, err);
            } finally {
                methods.forEach(Enhancer::close);
            }
        }
        if (report.imageCount(row -> true) == 0) {
            throw new DataException("--data-root " + dataRoot + ": none of its " + files.size()
                    + " image file(s) could be read (see the messages above); no report written");
        }
        String title = "Evaluation of " + policyLabel + " on " + dataRoot;
        var means = report.means(row -> true);
        report.writeData(out, "eval", Map.of("title", title, "mean", means));
        String markdown = "# " + title + "\n\nMean over " + report.imageCount(row -> true)
                + " image(s); Δ is the change against the input.\n\n" + EvalReport.markdownTable(means);
        RunFolder.writeAtomically(out.resolve("eval.md"), markdown);
        return markdown;
    }

    private static void score(
            Path dataRoot,
            List<Path> files,
            List<Enhancer> methods,
            QualityMetrics metrics,
            long maxPixels,
            NDManager manager,
            EvalReport report,
            PrintWriter err) {
        try (ProgressBar bar = Progress.bar("eval", files.size(), "images")) {
            for (Path file : files) {
                Path relative = dataRoot.relativize(file);
                String set = relative.getParent() == null
                        ? "."
                        : relative.getParent().toString();
                String name = relative.getFileName().toString();
                try (NDScope scope = new NDScope()) {
                    NDArray input = ImageTensors.forScoring(manager, ImageFiles.read(file, ByteSwap.AUTO, maxPixels));
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
        }
    }
}
