package io.pixelpolish.run.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.pixelpolish.checkpoint.Checkpoint;
import io.pixelpolish.checkpoint.CheckpointStore;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.contract.TrainerEnvironment;
import io.pixelpolish.contract.mlflow.MlflowSettings;
import io.pixelpolish.contract.mlflow.MlflowTags;
import io.pixelpolish.run.MetricsLog;
import io.pixelpolish.testing.LoggedMetrics;
import io.pixelpolish.testing.MlflowRest;
import io.pixelpolish.testing.MlflowTestServer;
import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;

/**
 * The packaged trainer recording to a real MLflow server, read back through the REST API: two runs
 * of a sweep under one parent run, and a run stopped with SIGTERM and resumed.
 */
class MlflowTrackingIT {
    private static final Path LAUNCHER = SharedData.repoRoot().resolve("bin/pixelpolish");
    private static final String SECRET = "s3cret-" + UUID.randomUUID();
    private static final List<String> TINY = List.of(
            "model.width=8",
            "train.batch_size=2",
            "train.crop_size=32",
            "train.episode_length=2",
            "train.ppo_epochs=1",
            "train.minibatches=1",
            "train.eval_interval=2",
            "train.sample_interval=3",
            "train.sample_images=2",
            "checkpoint.interval=3");

    @TempDir
    Path dir;

    private URI server;
    private MlflowRest rest;
    private String experiment;

    @BeforeEach
    void server() {
        server = MlflowTestServer.shared();
        rest = new MlflowRest(server);
        experiment = "it-" + UUID.randomUUID();
    }

    private Process launch(String runName, Map<String, String> env, List<String> sets, String... extra)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                LAUNCHER.toString(),
                "train",
                "--config",
                "base",
                "--overrides",
                "local_dev",
                "--data-root",
                "examples/images",
                "--output-dir",
                dir.toString(),
                "--run-name",
                runName,
                "--threads",
                "1",
                "--set",
                "tracking.experiment=" + experiment));
        sets.forEach(set -> command.addAll(List.of("--set", set)));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(SharedData.repoRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(runName + ".log").toFile());
        builder.environment().put(MlflowSettings.URI_ENV, server.toString());
        // The local server has no auth and ignores them: here they only have to stay out of everything recorded.
        builder.environment().put(MlflowSettings.USERNAME_ENV, "trainer");
        builder.environment().put(MlflowSettings.PASSWORD_ENV, SECRET);
        builder.environment().putAll(env);
        return builder.start();
    }

    private String finish(Process process, String runName) throws Exception {
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(dir.resolve(runName + ".log"));
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static List<String> sets(String... more) {
        return sets(new String[0], more);
    }

    private static List<String> sets(String[] first, String... more) {
        List<String> all = new ArrayList<>(TINY);
        all.addAll(List.of(first));
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void twoRunsOfASweepAreChildrenOfItsParentWithParamsFullHistoryAndArtifacts() throws Exception {
        String parentId;
        try (MlflowClient client = new MlflowClient(server.toString())) {
            String experimentId = client.createExperiment(experiment);
            parentId = client.createRun(Service.CreateRun.newBuilder()
                            .setExperimentId(experimentId)
                            .setRunName("sweep")
                            .build())
                    .getRunId();
        }
        Map<String, List<String>> arms = new LinkedHashMap<>();
        String[] validation = {
            "validation.data_root=examples/images",
            "validation.sets=[lowlight]",
            "validation.every=3",
            "validation.max_images=2",
            "validation.max_side=64"
        };
        arms.put("sweep-lr-small-r0", sets(validation, "train.total_updates=6", "train.lr=1.0e-4"));
        arms.put("sweep-lr-large-r0", sets(validation, "train.total_updates=6", "train.lr=1.0e-3"));
        Map<String, Process> processes = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> arm : arms.entrySet()) {
            processes.put(
                    arm.getKey(),
                    launch(
                            arm.getKey(),
                            Map.of(
                                    TrainerEnvironment.MLFLOW_PARENT_RUN_ID, parentId,
                                    TrainerEnvironment.NAMESPACE, "ml",
                                    TrainerEnvironment.TRAINING_RUN, arm.getKey(),
                                    TrainerEnvironment.ABLATION, "sweep",
                                    TrainerEnvironment.ARM,
                                            arm.getKey().replace("sweep-", "").replace("-r0", ""),
                                    TrainerEnvironment.IMAGE, "ghcr.io/pixelpolish/pixelpolish-trainer:test",
                                    TrainerEnvironment.GIT_REVISION, "0123456789abcdef"),
                            arm.getValue()));
        }
        List<String> outputs = new ArrayList<>();
        for (Map.Entry<String, Process> p : processes.entrySet()) {
            outputs.add(finish(p.getValue(), p.getKey()));
        }

        String experimentId =
                rest.run(parentId).path("info").path("experiment_id").asText();
        JsonNode children = rest.searchRuns(experimentId, "tags.mlflow.parentRunId = '" + parentId + "'")
                .path("runs");
        assertThat(StreamSupport.stream(children.spliterator(), false)
                        .map(r -> r.path("info").path("run_name").asText()))
                .containsExactlyInAnyOrderElementsOf(arms.keySet());

        for (String runName : arms.keySet()) {
            Path folder = dir.resolve(runName);
            String runId = localRunId(folder);
            JsonNode run = rest.run(runId);
            assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
            assertThat(run.path("info").path("run_name").asText()).isEqualTo(runName);

            Map<String, String> params = MlflowRest.params(run);
            Map<String, String> expected = new TreeMap<>(
                    ConfigLoader.flatten(ConfigLoader.load("base", List.of("local_dev"), arms.get(runName))
                            .config()));
            expected.keySet().removeIf(key -> key.startsWith("tracking."));
            assertThat(params).isEqualTo(expected);

            Map<String, String> tags = MlflowRest.tags(run);
            assertThat(tags)
                    .containsEntry("mlflow.parentRunId", parentId)
                    .containsEntry("pixelpolish.namespace", "ml")
                    .containsEntry("pixelpolish.training_run", runName)
                    .containsEntry("pixelpolish.ablation", "sweep")
                    .containsEntry("pixelpolish.image", "ghcr.io/pixelpolish/pixelpolish-trainer:test")
                    .containsEntry("mlflow.source.git.commit", "0123456789abcdef")
                    .containsEntry("pixelpolish.modality_mix", "rgb=0.5 gray=0.25 ir=0.25")
                    .containsKey("pixelpolish.arm");
            assertThat(run.toString()).doesNotContain(SECRET);

            List<JsonNode> local = MetricsLog.read(folder.resolve("metrics.jsonl"));
            assertThat(local).hasSize(6);
            for (String key : List.of(
                    "rewards/mean",
                    "rewards/gradient",
                    "losses/policy",
                    "losses/approx_kl",
                    "eval/greedy_reward",
                    "charts/elapsed_s",
                    "val/quality",
                    "val/lowlight/exposure_error_delta")) {
                LoggedMetrics.assertMlflowHasEveryValue(rest, runId, local, key);
            }

            assertThat(paths(rest.artifacts(runId, ""))).containsExactly("checkpoints", "config.yaml", "samples");
            assertThat(paths(rest.artifacts(runId, "checkpoints")))
                    .containsExactly("checkpoints/best.ckpt", "checkpoints/final.ckpt");
            assertThat(paths(rest.artifacts(runId, "samples")))
                    .containsExactly("samples/update-000003.png", "samples/update-000006.png");
            Path downloaded = new MlflowArtifacts(
                            new MlflowSettings(server, experiment, Duration.ZERO, Map.of()).hostCreds(),
                            Duration.ofMinutes(1))
                    .download(
                            run.path("info").path("artifact_uri").asText(),
                            "checkpoints/final.ckpt",
                            dir.resolve(runName + "-final.ckpt"));
            assertThat(downloaded).hasSameBinaryContentAs(folder.resolve("checkpoints/final.ckpt"));
            Checkpoint checkpoint = CheckpointStore.read(downloaded);
            assertThat(checkpoint.update()).isEqualTo(6);
            try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
                NDList parameters = checkpoint.modelArrays(manager);
                NDList original = CheckpointStore.read(folder.resolve("checkpoints/final.ckpt"))
                        .modelArrays(manager);
                assertThat(parameters).hasSameSizeAs(original).isNotEmpty();
                IntStream.range(0, parameters.size())
                        .forEach(i -> assertThat(parameters.get(i).contentEquals(original.get(i)))
                                .isTrue());
            }

            System.out.printf(
                    "MLflow REST for %s (run %s):%n  runs/get: status %s, %d params, %d tags%n  metrics/get-history reward_mean: %d values,"
                            + " steps %s%n  artifacts/list: %s %s %s%n",
                    runName,
                    runId,
                    run.path("info").path("status").asText(),
                    params.size(),
                    tags.size(),
                    rest.metricHistory(runId, "rewards/mean").size(),
                    rest.metricHistory(runId, "rewards/mean").stream()
                            .map(m -> m.get("step").asInt())
                            .toList(),
                    paths(rest.artifacts(runId, "")),
                    paths(rest.artifacts(runId, "checkpoints")),
                    paths(rest.artifacts(runId, "samples")));
        }
        assertThat(outputs).allSatisfy(output -> assertThat(output).doesNotContain(SECRET));
        assertThat(dir.resolve("sweep-lr-small-r0/mlflow/pending.jsonl"))
                .as("nothing owed to MLflow")
                .isEmptyFile();
    }

    @Test
    void sigtermEndsTheRunAsKilledAndResumeContinuesTheSameRunWithoutDuplicates() throws Exception {
        String name = "stopped";
        Process first = launch(name, Map.of(), sets("train.total_updates=500"));
        await().atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> loggedSteps(name).size() >= 3);
        first.destroy();
        assertThat(first.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String runId = localRunId(dir.resolve(name));
        assertThat(rest.run(runId).path("info").path("status").asText()).isEqualTo("KILLED");
        int stoppedAt = CheckpointStore.read(new CheckpointStore(dir.resolve(name + "/checkpoints"), 3)
                        .periodic()
                        .get(0))
                .update();
        assertThat(loggedSteps(name))
                .isEqualTo(IntStream.rangeClosed(1, stoppedAt).boxed().toList());

        String output =
                finish(launch(name, Map.of(), sets("train.total_updates=" + (stoppedAt + 2)), "--resume"), name);

        assertThat(output).contains("continuing MLflow run " + runId);
        assertThat(localRunId(dir.resolve(name))).isEqualTo(runId);
        JsonNode run = rest.run(runId);
        try (MlflowClient client = new MlflowClient(server.toString())) {
            assertThat(client.getExperiment(
                                    run.path("info").path("experiment_id").asText())
                            .getTagsList())
                    .as("the experiment the trainer created opens in MLflow's model-training view")
                    .anySatisfy(tag -> {
                        assertThat(tag.getKey()).isEqualTo(MlflowTags.EXPERIMENT_KIND);
                        assertThat(tag.getValue()).isEqualTo(MlflowTags.EXPERIMENT_KIND_TRAINING);
                    });
        }
        assertThat(run.path("info").path("status").asText()).isEqualTo("FINISHED");
        assertThat(rest.searchRuns(
                                run.path("info").path("experiment_id").asText(), "attributes.run_name = '" + name + "'")
                        .path("runs"))
                .as("one MLflow run for the whole TrainingRun")
                .hasSize(1);
        assertThat(loggedSteps(name))
                .isEqualTo(IntStream.rangeClosed(1, stoppedAt + 2).boxed().toList());
    }

    private List<Integer> loggedSteps(String runName) throws IOException {
        Path state = dir.resolve(runName + "/mlflow/run.json");
        if (!Files.exists(state)) {
            return List.of();
        }
        return rest.metricHistory(localRunId(dir.resolve(runName)), "rewards/mean").stream()
                .map(m -> m.get("step").asInt())
                .sorted()
                .toList();
    }

    private static String localRunId(Path folder) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(folder.resolve("mlflow/run.json").toFile())
                .get("run_id")
                .asText();
    }

    private static List<String> paths(JsonNode listing) {
        return StreamSupport.stream(listing.path("files").spliterator(), false)
                .map(f -> f.get("path").asText())
                .sorted()
                .toList();
    }
}
