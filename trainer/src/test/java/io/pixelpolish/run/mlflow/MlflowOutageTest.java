package io.pixelpolish.run.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixelpolish.checkpoint.RunFolder;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.EffectiveConfig;
import io.pixelpolish.contract.mlflow.MlflowSettings;
import io.pixelpolish.data.ImageDataset;
import io.pixelpolish.run.MetricsLog;
import io.pixelpolish.testing.LoggedMetrics;
import io.pixelpolish.testing.MlflowRest;
import io.pixelpolish.testing.MlflowTestServer;
import io.pixelpolish.testing.TestImages;
import io.pixelpolish.train.RunLinks;
import io.pixelpolish.train.RunTracker;
import io.pixelpolish.train.TrainingLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MLflow server goes down in the middle of a run and comes back: training goes on and MLflow ends up with every update once. */
class MlflowOutageTest {
    private static final int UPDATES = 24;

    @TempDir
    Path dir;

    /** Does something between two updates, on the training thread, so the outage falls mid-run however fast training is. */
    private record AtUpdate(int update, Step step) implements RunTracker {
        interface Step {
            void run() throws Exception;
        }

        @Override
        public void updated(int done, Map<String, Double> metrics) {
            if (done == update) {
                try {
                    step.run();
                } catch (Exception e) {
                    throw new IllegalStateException("after update " + update, e);
                }
            }
        }
    }

    @Test
    void metricsBufferedWhileTheServerIsDownArriveInOrderExactlyOnce() throws Exception {
        try (MlflowTestServer server = MlflowTestServer.start(Files.createDirectories(dir.resolve("mlflow")))) {
            MlflowRest rest = new MlflowRest(server.uri());
            EffectiveConfig config = ConfigLoader.load(
                    "base",
                    List.of(),
                    List.of(
                            "device=cpu",
                            "model.width=8",
                            "train.batch_size=2",
                            "train.crop_size=32",
                            "train.episode_length=2",
                            "train.ppo_epochs=1",
                            "train.minibatches=1",
                            "train.eval_interval=4",
                            "train.sample_interval=100",
                            "checkpoint.interval=100",
                            "train.total_updates=" + UPDATES,
                            "tracking.mlflow_uri=" + server.uri(),
                            "tracking.experiment=outage",
                            "tracking.flush_timeout_s=600"));
            ImageDataset dataset = ImageDataset.load(
                    TestImages.writeFolder(dir.resolve("data"), 4, 48, true, 1),
                    config.config().data());
            RunFolder folder = RunFolder.open(dir.resolve("runs"), "outage", false);
            RunLinks links = new RunLinks();
            MlflowTracker tracker = new MlflowTracker(
                    MlflowSettings.resolve(config.config().tracking(), Map.of()).orElseThrow(),
                    RunIdentity.fromEnvironment("outage", Map.of()),
                    links);
            List<Integer> pendingDuringOutage = new ArrayList<>();
            AtUpdate stop = new AtUpdate(3, () -> {
                await().atMost(Duration.ofMinutes(3))
                        .until(() -> links.snapshot().containsKey(MlflowTracker.RUN_ID_LINK)
                                && rest.metricHistory(links.snapshot().get(MlflowTracker.RUN_ID_LINK), "rewards/mean")
                                                .size()
                                        == 3);
                server.close();
            });
            AtUpdate restart = new AtUpdate(10, () -> {
                pendingDuringOutage.addAll(pendingUpdates(folder));
                server.restart();
            });

            TrainingLoop.Result result = new TrainingLoop(
                            config,
                            dataset,
                            folder,
                            List.of(new MetricsLog(folder.metricsFile()), tracker, stop, restart),
                            false)
                    .run();

            assertThat(result.status()).isEqualTo(RunTracker.Status.FINISHED);
            assertThat(pendingDuringOutage)
                    .as("training went on while MLflow was down, its metrics waiting in the run folder")
                    .containsSubsequence(4, 5, 6, 7, 8, 9, 10);
            String runId = links.snapshot().get(MlflowTracker.RUN_ID_LINK);
            assertThat(rest.run(runId).path("info").path("status").asText()).isEqualTo("FINISHED");
            List<JsonNode> local = MetricsLog.read(folder.metricsFile());
            for (String key : List.of(
                    "rewards/mean",
                    "losses/policy",
                    "losses/value",
                    "losses/entropy",
                    "charts/images_per_s",
                    "eval/greedy_reward")) {
                LoggedMetrics.assertMlflowHasEveryValue(rest, runId, local, key);
            }
            assertThat(rest.metricHistory(runId, "rewards/mean")).hasSize(UPDATES);
            assertThat(local.stream().map(row -> row.get("update").asInt()).toList())
                    .isEqualTo(IntStream.rangeClosed(1, UPDATES).boxed().toList());
            assertThat(folder.mlflow().resolve("pending.jsonl"))
                    .as("nothing owed to MLflow any more")
                    .isEmptyFile();
        }
    }

    private static List<Integer> pendingUpdates(RunFolder folder) throws Exception {
        int acknowledged = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(folder.mlflow().resolve("run.json").toFile())
                .get("logged_through")
                .asInt();
        return MetricsLog.read(folder.mlflow().resolve("pending.jsonl")).stream()
                .map(row -> row.get("update").asInt())
                .filter(update -> update > acknowledged)
                .toList();
    }
}
