package io.pixelpolish.cli;

import io.pixelpolish.data.DataException;
import io.pixelpolish.data.ImageInputs;
import io.pixelpolish.eval.Evaluation;
import io.pixelpolish.reward.QualityMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Score a policy on a folder of images against the unenhanced input and baselines (histogram "
                + "equalisation, CLAHE, and Zero-DCE / Zero-DCE++ from weights you give): per image and mean NIQE, BRISQUE, "
                + "CLIP-IQA and MUSIQ (when the config names their models), brightness, entropy, gradient and EME, written "
                + "as eval.csv, eval.json and eval.md.")
final class EvalCommand implements Callable<Integer> {
    @Mixin
    PolicyOptions policy;

    @Mixin
    BaselineOptions baselines;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--data-root",
            required = true,
            paramLabel = "DIR",
            description = "Folder of images, searched recursively.")
    Path dataRoot;

    @Option(
            names = "--out",
            defaultValue = "eval-report",
            paramLabel = "DIR",
            description = "Where the report goes. Default: ${DEFAULT-VALUE}.")
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
        QualityMetrics metrics =
                QualityMetrics.forConfig(configOptions.load().config().reward());
        String markdown = Evaluation.run(
                dataRoot,
                files,
                policy.load(),
                policy.label(),
                baselines.baselines(!noBaselines),
                metrics,
                out,
                policy.maxPixels(),
                spec.commandLine().getErr());
        spec.commandLine().getOut().print(markdown);
        spec.commandLine().getOut().println("\nreport: " + out.resolve("eval.md") + ", eval.csv, eval.json");
        return 0;
    }
}
