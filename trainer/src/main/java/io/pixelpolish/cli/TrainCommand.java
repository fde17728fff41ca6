package io.pixelpolish.cli;

import io.pixelpolish.config.EffectiveConfig;
import io.pixelpolish.data.ImageDataset;
import io.pixelpolish.run.ConsoleProgress;
import io.pixelpolish.run.KubernetesProgress;
import io.pixelpolish.run.MetricsLog;
import io.pixelpolish.checkpoint.RunFolder;
import io.pixelpolish.run.RunLinks;
import io.pixelpolish.train.RunTracker;
import io.pixelpolish.contract.mlflow.MlflowSettings;
import io.pixelpolish.run.mlflow.MlflowTracker;
import io.pixelpolish.run.mlflow.RunIdentity;
import io.pixelpolish.train.TrainingLoop;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
            "Train a curve policy with PPO on a folder of unpaired images.",
            "Writes <output-dir>/<run-name>/: config.yaml, metrics.jsonl, checkpoints/, samples/.",
            "With tracking.mlflow_uri or MLFLOW_TRACKING_URI set, the run is recorded in MLflow too (credentials:",
            "MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD)."
        })
final class TrainCommand implements Callable<Integer> {
    @Mixin ConfigOptions configOptions;
    @Mixin EngineOptions engineOptions;
    @Spec CommandSpec spec;

    @Option(names = "--data-root", required = true, paramLabel = "DIR",
            description = "Folder of training images, searched recursively (PNG, JPEG, BMP, TIFF incl. 16-bit).")
    Path dataRoot;

    @Option(names = "--output-dir", defaultValue = "runs", paramLabel = "DIR", description = "Where run folders go. Default: ${DEFAULT-VALUE}.")
    Path outputDir;

    @Option(names = "--run-name", paramLabel = "NAME", description = "Run folder name. Default: run-<date>-<time>.")
    String runName;

    @Option(names = "--resume", description = "Continue the run from its newest checkpoint (starts fresh when it has none).")
    boolean resume;

    @Override
    public Integer call() throws Exception {
        engineOptions.apply();
        EffectiveConfig config = configOptions.load();
        String name = runName != null ? runName : "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        ImageDataset dataset = ImageDataset.load(dataRoot, config.config().data());
        RunFolder folder = RunFolder.open(outputDir, name, resume);
        Map<String, String> env = System.getenv();
        RunLinks links = new RunLinks();
        List<RunTracker> trackers = new ArrayList<>(List.of(new MetricsLog(folder.metricsFile()), new ConsoleProgress()));
        // Before the progress reporter: its last report then carries the MLflow run's links.
        MlflowSettings.resolve(config.config().tracking(), env).ifPresent(mlflow ->
                trackers.add(new MlflowTracker(mlflow, RunIdentity.fromEnvironment(name, env), links)));
        KubernetesProgress.fromEnvironment(env, links).ifPresent(trackers::add);
        TrainingLoop loop = new TrainingLoop(config, dataset, folder, trackers);

        CountDownLatch done = new CountDownLatch(1);
        Thread stopOnSignal = new Thread(() -> {
            loop.requestStop();
            try {
                done.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "pixelpolish-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            TrainingLoop.Result result = loop.run();
            spec.commandLine().getOut().printf("%s: updates %d -> %d, run folder %s%n",
                    result.status().name().toLowerCase(), result.startUpdate(), result.endUpdate(), folder.root());
            return 0;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running: it waits on the latch released above.
            }
        }
    }
}
