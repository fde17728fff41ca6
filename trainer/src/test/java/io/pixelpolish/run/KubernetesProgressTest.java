package io.pixelpolish.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.pixelpolish.checkpoint.RunFolder;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.contract.ProgressReport;
import io.pixelpolish.train.RunInfo;
import io.pixelpolish.train.RunLinks;
import io.pixelpolish.train.RunTracker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@EnableKubernetesMockClient(crud = true)
class KubernetesProgressTest {
    KubernetesClient client;

    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private JsonNode progress() throws Exception {
        String json = client.configMaps()
                .inNamespace("ml")
                .withName("run1-progress")
                .get()
                .getData()
                .get(ProgressReport.CONFIGMAP_KEY);
        return new ObjectMapper().readTree(json);
    }

    private static Map<String, Double> metrics(double reward) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("rewards/mean", reward);
        m.put("rewards/gradient", reward / 2);
        m.put("rewards/entropy", reward / 2);
        m.put("charts/elapsed_s", 20.0);
        m.put("charts/update_s", 2.0);
        m.put("charts/images_per_s", 4.0);
        return m;
    }

    @Test
    void patchesTheRunsConfigMapAtMostEveryIntervalAndAlwaysAtTheEnd() throws Exception {
        client.configMaps()
                .inNamespace("ml")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("run1-progress")
                        .endMetadata()
                        .addToData("other", "kept")
                        .build())
                .create();
        ManualClock clock = new ManualClock();
        RunLinks links = new RunLinks();
        KubernetesProgress reporter =
                new KubernetesProgress(client, "ml", "run1-progress", Duration.ofSeconds(10), clock, links);
        RunFolder folder = RunFolder.open(dir, "run1", false);
        reporter.started(new RunInfo("run1", folder, ConfigLoader.load("base", List.of(), List.of()), 0, 100));
        assertThat(progress().get("state").asText()).isEqualTo("running");
        assertThat(progress().get("total_updates").asInt()).isEqualTo(100);
        assertThat(progress().has("mlflow_run_id")).as("no MLflow run yet").isFalse();
        links.publish("mlflow_run_id", "0123abcd");

        clock.now = clock.now.plusSeconds(11);
        reporter.updated(10, metrics(0.5));
        assertThat(progress().get("update").asInt()).isEqualTo(10);
        assertThat(progress().get("percent").asDouble()).isEqualTo(10.0);
        assertThat(progress().get("eta_s").asDouble()).isEqualTo(180.0);
        assertThat(progress().get("rewards").get("gradient").asDouble()).isEqualTo(0.25);
        assertThat(progress().get("mlflow_run_id").asText())
                .as("a link published by another tracker")
                .isEqualTo("0123abcd");

        clock.now = clock.now.plusSeconds(3);
        reporter.updated(11, metrics(0.6));
        assertThat(progress().get("update").asInt())
                .as("too soon for another write")
                .isEqualTo(10);

        reporter.checkpointed(11, dir.resolve("update-000011.ckpt"));
        reporter.finished(RunTracker.Status.KILLED, "stopped at update 11");
        JsonNode last = progress();
        assertThat(last.get("update").asInt()).isEqualTo(11);
        assertThat(last.get("state").asText()).isEqualTo("killed");
        assertThat(last.get("last_checkpoint").asText()).isEqualTo("checkpoints/update-000011.ckpt");
        assertThat(client.configMaps()
                        .inNamespace("ml")
                        .withName("run1-progress")
                        .get()
                        .getData())
                .containsEntry("other", "kept");
    }

    @Test
    void theOperatorReadsEveryFieldTheTrainerWrites() throws Exception {
        ManualClock clock = new ManualClock();
        RunLinks links = new RunLinks();
        KubernetesProgress reporter =
                new KubernetesProgress(client, "ml", "run1-progress", Duration.ZERO, clock, links);
        client.configMaps()
                .inNamespace("ml")
                .resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("run1-progress")
                        .endMetadata()
                        .build())
                .create();
        reporter.started(new RunInfo(
                "run1", RunFolder.open(dir, "run1", false), ConfigLoader.load("base", List.of(), List.of()), 0, 10));
        links.publish(ProgressReport.MLFLOW_RUN_ID, "0123abcd");
        links.publish(ProgressReport.MLFLOW_RUN_URL, "http://mlflow/#/experiments/1/runs/0123abcd");
        Map<String, Double> earlier = metrics(0.4);
        earlier.put("val/niqe", 6.0);
        earlier.put("val/quality", 0.1);
        reporter.updated(4, earlier);
        Map<String, Double> metrics = metrics(0.5);
        metrics.put("eval/greedy_reward", 0.7);
        metrics.put("diagnostics/reward_hacking", 1.0);
        metrics.put("val/niqe", 6.5);
        metrics.put("val/quality", 0.2);
        reporter.rewardHackingSuspected(5, "clipiqa rose while val/quality fell");
        reporter.updated(5, metrics);
        reporter.checkpointed(5, dir.resolve("update-000005.ckpt"));
        reporter.finished(RunTracker.Status.FAILED, "diverged");

        String json = client.configMaps()
                .inNamespace("ml")
                .withName("run1-progress")
                .get()
                .getData()
                .get(ProgressReport.CONFIGMAP_KEY);
        ProgressReport read = ProgressReport.parse(json).orElseThrow();
        assertThat(read).hasNoNullFieldsOrProperties();
        assertThat(read.greedyReward()).isEqualTo(0.7);
        assertThat(read.rewardHacking()).isTrue();
        assertThat(read.rewardHackingReason()).isEqualTo("update 5: clipiqa rose while val/quality fell");
        assertThat(read.validation()).containsOnly(Map.entry("val/niqe", 6.5), Map.entry("val/quality", 0.2));
        assertThat(read.validationUpdate()).isEqualTo(5);
        assertThat(read.validationBest())
                .as("each measure's best in its own direction")
                .containsOnly(Map.entry("val/niqe", 6.0), Map.entry("val/quality", 0.2));
        assertThat(read.rewards()).containsEntry("gradient", 0.25).containsEntry("entropy", 0.25);
        assertThat(read.state()).isEqualTo("failed");
        assertThat(read.message()).isEqualTo("diverged");
        assertThat(read.mlflowRunUrl()).endsWith("/runs/0123abcd");
        assertThat(fieldNames(read.toJson()))
                .as("every key the trainer writes is a field of the record the operator reads")
                .containsExactlyInAnyOrderElementsOf(fieldNames(json));
    }

    private static List<String> fieldNames(String json) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        new ObjectMapper().readTree(json).fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aMissingConfigMapNeverStopsTraining() throws Exception {
        KubernetesProgress reporter =
                new KubernetesProgress(client, "ml", "absent", Duration.ZERO, new ManualClock(), new RunLinks());
        reporter.updated(1, metrics(0.1));
        reporter.finished(RunTracker.Status.FINISHED, "done");
        assertThat(client.configMaps().inNamespace("ml").withName("absent").get())
                .isNull();
    }

    @Test
    void onlyEnabledWhenTheOperatorSetsTheEnvironment() {
        assertThat(KubernetesProgress.fromEnvironment(Map.of(), new RunLinks())).isEmpty();
    }
}
