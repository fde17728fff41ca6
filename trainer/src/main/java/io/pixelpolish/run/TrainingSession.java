package io.pixelpolish.run;

import io.pixelpolish.checkpoint.RunFolder;
import io.pixelpolish.config.EffectiveConfig;
import io.pixelpolish.contract.ExitCodes;
import io.pixelpolish.contract.mlflow.MlflowSettings;
import io.pixelpolish.data.ImageDataset;
import io.pixelpolish.run.mlflow.MlflowTracker;
import io.pixelpolish.run.mlflow.RunIdentity;
import io.pixelpolish.train.RunLinks;
import io.pixelpolish.train.RunTracker;
import io.pixelpolish.train.TrainingLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@code train} invocation: the run folder, the trackers the environment asks for (metrics.jsonl
 * and the console always; MLflow and the Kubernetes progress ConfigMap when configured), and the
 * loop, stopped cleanly (checkpoint first) when the process is asked to end.
 */
public final class TrainingSession {
    private TrainingSession() {}

    /** What ran, and where its run folder is. */
    public record Outcome(TrainingLoop.Result result, Path runFolder) {}

    public static Outcome run(
            EffectiveConfig config,
            Path dataRoot,
            Path outputDir,
            String runName,
            boolean resume,
            boolean restartIfDamaged,
            Map<String, String> env)
            throws IOException {
        ImageDataset dataset = ImageDataset.load(dataRoot, config.config().data());
        RunFolder folder = RunFolder.open(outputDir, runName, resume);
        RunLinks links = new RunLinks();
        List<RunTracker> trackers =
                new ArrayList<>(List.of(new MetricsLog(folder.metricsFile()), new ConsoleProgress()));
        // Before the progress reporter: its last report then carries the MLflow run's links.
        MlflowSettings.resolve(config.config().tracking(), env)
                .ifPresent(mlflow ->
                        trackers.add(new MlflowTracker(mlflow, RunIdentity.fromEnvironment(runName, env), links)));
        KubernetesProgress.fromEnvironment(env, links).ifPresent(trackers::add);
        TrainingLoop loop = new TrainingLoop(config, dataset, folder, trackers, restartIfDamaged);

        CountDownLatch done = new CountDownLatch(1);
        Thread stopOnSignal = new Thread(
                () -> {
                    loop.requestStop();
                    try {
                        done.await(ExitCodes.STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "pixelpolish-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            return new Outcome(loop.run(), folder.root());
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
