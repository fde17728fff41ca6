package io.pixelpolish.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixelpolish.checkpoint.CheckpointStore;
import io.pixelpolish.checkpoint.RunFolder;
import io.pixelpolish.config.ConfigException;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.EffectiveConfig;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.data.ImageDataset;
import io.pixelpolish.run.MetricsLog;
import io.pixelpolish.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
    private static final List<String> TINY = List.of(
            "device=cpu",
            "model.width=8",
            "train.batch_size=4",
            "train.crop_size=32",
            "train.minibatches=2",
            "train.episode_length=2",
            "train.ppo_epochs=1",
            "train.eval_interval=2",
            "train.sample_interval=2",
            "train.sample_images=2",
            "checkpoint.interval=2",
            "checkpoint.keep_last=5");

    @TempDir
    Path dir;

    private ImageDataset dataset;

    @BeforeEach
    void images() throws IOException {
        Path data = TestImages.writeFolder(dir.resolve("data"), 4, 48, true, 1);
        dataset = ImageDataset.load(
                data, ConfigLoader.load("base", List.of(), List.of()).config().data());
    }

    private EffectiveConfig config(String... more) {
        return config(List.of(), more);
    }

    private EffectiveConfig config(List<String> overlays, String... more) {
        List<String> all = new ArrayList<>(TINY);
        all.addAll(List.of(more));
        return ConfigLoader.load("base", overlays, all);
    }

    private TrainingLoop.Result train(EffectiveConfig cfg, boolean resume) throws IOException {
        RunFolder folder = RunFolder.open(dir.resolve("runs"), "r", resume);
        return new TrainingLoop(cfg, dataset, folder, List.of(new MetricsLog(folder.metricsFile())), false).run();
    }

    private List<Integer> loggedUpdates() throws IOException {
        return MetricsLog.read(dir.resolve("runs/r/metrics.jsonl")).stream()
                .map(n -> n.get("update").asInt())
                .toList();
    }

    @Test
    void writesTheRunFolderWithEveryMetric() throws IOException {
        TrainingLoop.Result result = train(config("train.total_updates=4"), false);
        assertThat(result.status()).isEqualTo(RunTracker.Status.FINISHED);
        Path run = dir.resolve("runs/r");
        assertThat(run.resolve("config.yaml"))
                .content()
                .startsWith("# effective PixelPolish config")
                .contains("total_updates: 4");
        assertThat(run.resolve("checkpoints/update-000004.ckpt")).isRegularFile();
        assertThat(run.resolve("checkpoints/final.ckpt")).isRegularFile();
        assertThat(run.resolve("samples/update-000002.png")).isRegularFile();
        assertThat(run.resolve("samples/update-000004.png")).isRegularFile();
        List<JsonNode> rows = MetricsLog.read(run.resolve("metrics.jsonl"));
        assertThat(rows).hasSize(4);
        for (String key : List.of(
                "update",
                "rewards/mean",
                "rewards/gradient",
                "rewards/entropy",
                "rewards/eme",
                "losses/policy",
                "losses/value",
                "losses/entropy",
                "losses/approx_kl",
                "losses/clipfrac",
                "charts/log_std_mean",
                "charts/images_per_s",
                "charts/elapsed_s",
                "eval/greedy_reward")) {
            assertThat(rows.get(1).has(key)).as(key).isTrue();
        }
        rows.get(0)
                .fieldNames()
                .forEachRemaining(key -> assertThat(key.equals("update")
                                || Metric.byKey(key).isPresent()
                                || Metric.rewardTermOf(key).isPresent()
                                || key.startsWith("eval/greedy_"))
                        .as("%s is a registered metric name", key)
                        .isTrue());
        double sum = rows.get(0).get("rewards/gradient").asDouble()
                + rows.get(0).get("rewards/entropy").asDouble()
                + rows.get(0).get("rewards/eme").asDouble();
        assertThat(rows.get(0).get("rewards/mean").asDouble())
                .as("sub-rewards add up")
                .isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void validationJoinsTheMetricsAndBestCheckpointFollowsTheConfiguredMeasure() throws IOException {
        Path validation = TestImages.writeFolder(dir.resolve("validation/dark"), 2, 40, true, 9);
        train(
                config(
                        "train.total_updates=5",
                        "validation.data_root=" + validation.getParent(),
                        "validation.every=2",
                        "checkpoint.best=val/exposure_error"),
                false);
        List<JsonNode> rows = MetricsLog.read(dir.resolve("runs/r/metrics.jsonl"));
        List<Integer> validated = rows.stream()
                .filter(r -> r.has("val/exposure_error"))
                .map(r -> r.get("update").asInt())
                .toList();
        assertThat(validated)
                .as("every validation.every updates and at the last")
                .containsExactly(2, 4, 5);
        JsonNode best = rows.stream()
                .filter(r -> r.has("val/exposure_error"))
                .min(Comparator.comparingDouble(r -> r.get("val/exposure_error").asDouble()))
                .orElseThrow();
        assertThat(rows.get(1).fieldNames())
                .toIterable()
                .contains("val/dark/exposure_error", "val/quality", "val/entropy_delta", "charts/validation_s");

        CheckpointStore store = new CheckpointStore(dir.resolve("runs/r/checkpoints"), 5);
        assertThat(store.bestScore())
                .contains(new CheckpointStore.BestScore(
                        "val/exposure_error", best.get("val/exposure_error").asDouble()));
        assertThat(CheckpointStore.read(dir.resolve("runs/r/checkpoints/best.ckpt"))
                        .update())
                .isEqualTo(best.get("update").asInt());
    }

    @Test
    void aBestCheckpointOnAValidationSetThatDoesNotExistIsRefusedUpFront() throws IOException {
        Path validation = TestImages.writeFolder(dir.resolve("validation/dark"), 1, 40, true, 9);
        assertThatThrownBy(() -> train(
                        config("validation.data_root=" + validation.getParent(), "checkpoint.best=val/lol/psnr"),
                        false))
                .hasMessage("checkpoint.best val/lol/psnr: no validation set lol (sets: [dark])");
    }

    @Test
    void resumeContinuesFromTheNewestCheckpointWithoutDuplicateMetrics() throws IOException {
        train(config("train.total_updates=4"), false);
        // pretend the process died after logging update 4 but before its checkpoint landed
        Files.delete(dir.resolve("runs/r/checkpoints/update-000004.ckpt"));
        TrainingLoop.Result resumed = train(config("train.total_updates=6"), true);
        assertThat(resumed.startUpdate()).isEqualTo(2);
        assertThat(resumed.endUpdate()).isEqualTo(6);
        assertThat(loggedUpdates()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(new CheckpointStore(dir.resolve("runs/r/checkpoints"), 5).newestIntact(false))
                .get()
                .extracting(c -> c.update())
                .isEqualTo(6);

        TrainingLoop.Result again = train(config("train.total_updates=6"), true);
        assertThat(again.startUpdate()).as("a finished run has nothing to do").isEqualTo(6);
        assertThat(loggedUpdates()).hasSize(6);
    }

    @Test
    void resumeRefusesAChangedConfig() throws IOException {
        train(config("train.total_updates=2"), false);
        assertThatThrownBy(() -> train(config("train.total_updates=4", "train.lr=1e-3"), true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("train.lr: checkpoint has 3.0E-4, this run has 0.001");
    }

    @Test
    void aStopRequestCheckpointsAndEndsCleanly() throws IOException {
        RunFolder folder = RunFolder.open(dir.resolve("runs"), "r", false);
        List<TrainingLoop> holder = new ArrayList<>();
        RunTracker stopAfterFirst = (update, metrics) -> holder.get(0).requestStop();
        TrainingLoop loop = new TrainingLoop(
                config("train.total_updates=50", "checkpoint.interval=25"),
                dataset,
                folder,
                List.of(new MetricsLog(folder.metricsFile()), stopAfterFirst),
                false);
        holder.add(loop);
        TrainingLoop.Result result = loop.run();
        assertThat(result.status()).isEqualTo(RunTracker.Status.KILLED);
        assertThat(result.endUpdate()).isEqualTo(1);
        assertThat(dir.resolve("runs/r/checkpoints/update-000001.ckpt")).isRegularFile();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {"base", "local_dev", "ablation/ppo_pixel", "ablation/grpo"})
    void everyShippedConfigTrains(String name) throws IOException {
        List<String> overlays = name.equals("base") ? List.of() : List.of(name);
        TrainingLoop.Result result = train(config(overlays, "train.total_updates=2"), false);
        assertThat(result.status()).isEqualTo(RunTracker.Status.FINISHED);
        List<JsonNode> rows = MetricsLog.read(dir.resolve("runs/r/metrics.jsonl"));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("rewards/mean").isNumber()).isTrue();
        assertThat(rows.get(1).get("losses/value").asDouble()).isFinite();
    }
}
