package io.pixelpolish.cli;

import io.pixelpolish.run.TrainingSession;
import io.pixelpolish.train.TrainingLoop;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a curve policy with PPO on a folder of unpaired images.",
            "Writes <output-dir>/<run-name>/: config.yaml, metrics.jsonl, checkpoints/, samples/.",
            "With tracking.mlflow_uri or MLFLOW_TRACKING_URI set, the run is recorded in MLflow too (credentials:",
            "MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)."
        })
final class TrainCommand implements Callable<Integer> {
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
            description = "Folder of training images, searched recursively (PNG, JPEG, BMP, TIFF incl. 16-bit).")
    Path dataRoot;

    @Option(
            names = "--validation-root",
            paramLabel = "DIR",
            description = "Folder of validation sets the policy is measured on every validation.every updates"
                    + " (sets validation.data_root; `pixelpolish split` makes one from a training tree).")
    Path validationRoot;

    @Option(
            names = "--output-dir",
            defaultValue = "runs",
            paramLabel = "DIR",
            description = "Where run folders go. Default: ${DEFAULT-VALUE}.")
    Path outputDir;

    @Option(names = "--run-name", paramLabel = "NAME", description = "Run folder name. Default: run-<date>-<time>.")
    String runName;

    @Option(
            names = "--resume",
            description = "Continue the run from its newest checkpoint (starts fresh when it has none).")
    boolean resume;

    @Option(
            names = "--restart-if-damaged",
            description = "With --resume: when every checkpoint of the run is damaged (each is verified on load),"
                    + " train again from update 0, dropping its metrics, instead of refusing to start.")
    boolean restartIfDamaged;

    @Override
    public Integer call() throws Exception {
        if (restartIfDamaged && !resume) {
            throw new InvalidOptionException("--restart-if-damaged: only with --resume");
        }
        engineOptions.apply();
        String name = runName != null
                ? runName
                : "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        TrainingSession.Outcome outcome = TrainingSession.run(
                configOptions.load(validationAssignment()),
                dataRoot,
                outputDir,
                name,
                resume,
                restartIfDamaged,
                System.getenv());
        TrainingLoop.Result result = outcome.result();
        spec.commandLine()
                .getOut()
                .printf(
                        "%s: updates %d -> %d, run folder %s%n",
                        result.status().name().toLowerCase(),
                        result.startUpdate(),
                        result.endUpdate(),
                        outcome.runFolder());
        return 0;
    }

    private List<String> validationAssignment() {
        return validationRoot == null ? List.of() : List.of("validation.data_root=" + validationRoot);
    }
}
