package io.pixelpolish.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.Objective;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.SweepMlflowRun;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.dependent.RunLabels;
import io.pixelpolish.testing.MlflowRest;
import io.pixelpolish.testing.MlflowTestServer;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mlflow.tracking.MlflowClient;

class AblationOperatorTest extends OperatorOnMockServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void grid2x3BecomesSixOwnedChildrenEachWithItsValuesAndAJob() {
        Ablation ablation = cluster.createAblation("grid", SweepFixtures.grid2x3(6, 0, null));

        await().until(() ->
                cluster.children("grid").size() == 6 && cluster.jobsOf("grid").size() == 6);
        List<TrainingRun> children = cluster.children("grid");
        assertThat(children).allSatisfy(child -> {
            assertThat(child.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
                assertThat(ref.getKind()).isEqualTo("Ablation");
                assertThat(ref.getUid()).isEqualTo(ablation.getMetadata().getUid());
            });
            assertThat(child.getSpec().data()).isEqualTo(Fixtures.runSpec().data());
        });
        TrainingRun grpoHighLr = children.stream()
                .filter(c -> c.getMetadata().getName().equals("grid-grpo-0-001-r0"))
                .findFirst()
                .orElseThrow();
        assertThat(grpoHighLr.getSpec().config().set())
                .containsEntry("train.algorithm", Fixtures.text("grpo"))
                .containsEntry("train.lr", Fixtures.number(1e-3));
        assertThat(grpoHighLr.getMetadata().getLabels()).containsEntry(RunLabels.ARM, "grpo-0-001");
        assertThat(cluster.configMap("grid-grpo-0-001-r0-config").getData().get("config.yaml"))
                .contains("algorithm: grpo")
                .contains("lr: 0.001");
        await().untilAsserted(() ->
                assertThat(cluster.ablation("grid").getStatus().progress()).isEqualTo("0/6"));
    }

    @Test
    void parallelismHoldsBackRunsUntilOthersFinish() {
        cluster.createAblation("queue", SweepFixtures.grid2x3(2, 0, null));
        await().until(() -> cluster.children("queue").size() == 2);
        await().during(Duration.ofSeconds(1))
                .until(() -> cluster.children("queue").size() == 2);

        complete(cluster.children("queue").get(0).getMetadata().getName());

        await().until(() -> cluster.children("queue").size() == 3);
        await().untilAsserted(() -> {
            Ablation ablation = cluster.ablation("queue");
            assertThat(ablation.getStatus().counts().succeeded()).isEqualTo(1);
            assertThat(ablation.getStatus().phase()).isEqualTo(Phase.Running);
        });
    }

    @Test
    void operatorRestartDuringASweepCreatesNoDuplicates() {
        cluster.createAblation("restart", SweepFixtures.grid2x3(3, 0, null));
        await().until(() -> cluster.children("restart").size() == 3
                && cluster.jobsOf("restart").size() == 3);
        List<String> uids = cluster.children("restart").stream()
                .map(c -> c.getMetadata().getUid())
                .sorted()
                .toList();
        List<String> jobUids = cluster.jobsOf("restart").stream()
                .map(j -> j.getMetadata().getUid())
                .sorted()
                .toList();

        operator.restart();

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(cluster.children("restart").stream()
                            .map(c -> c.getMetadata().getUid())
                            .sorted()
                            .toList())
                    .isEqualTo(uids);
            assertThat(cluster.jobsOf("restart").stream()
                            .map(j -> j.getMetadata().getUid())
                            .sorted()
                            .toList())
                    .isEqualTo(jobUids);
        });
        complete(cluster.children("restart").get(0).getMetadata().getName());
        await().until(() -> cluster.children("restart").size() == 4);
    }

    @Test
    void aSweepRecordingToMlflowIsOneParentRunWhoseChildrenGetItsIdAndWhichGetsTheBestArmAndTheTableAtTheEnd()
            throws Exception {
        URI mlflow = MlflowTestServer.shared();
        AblationSpec arms = SweepFixtures.armsWithRepeats();
        String experiment = "sweeps-" + UUID.randomUUID();
        AblationSpec spec = new AblationSpec(
                Fixtures.withMlflow(arms.template(), mlflow.toString(), experiment),
                null,
                arms.arms(),
                1,
                2,
                0,
                null,
                null,
                false);
        cluster.createAblation("tracked", spec);

        await().atMost(Duration.ofMinutes(1))
                .until(() -> cluster.ablation("tracked").getStatus() != null
                        && cluster.ablation("tracked").getStatus().mlflowParentRun() != null);
        SweepMlflowRun parent = cluster.ablation("tracked").getStatus().mlflowParentRun();
        MlflowRest rest = new MlflowRest(mlflow);
        JsonNode run = rest.run(parent.runId());
        assertThat(run.path("info").path("run_name").asText()).isEqualTo("tracked");
        assertThat(run.path("info").path("status").asText()).isEqualTo("RUNNING");
        assertThat(MlflowRest.params(run))
                .containsEntry("sweep.arms", "scalar,pixel")
                .containsEntry("sweep.objective", "maximize val/quality (last)");
        try (MlflowClient client = new MlflowClient(mlflow.toString())) {
            assertThat(client.getExperimentByName(experiment).orElseThrow().getTagsList())
                    .as("created by the operator, opened in MLflow's model-training view")
                    .anySatisfy(tag -> assertThat(tag.getKey() + "=" + tag.getValue())
                            .isEqualTo("mlflow.experimentKind=custom_model_development"));
        }
        assertThat(parent.runUrl())
                .isEqualTo(mlflow + "/#/experiments/"
                        + run.path("info").path("experiment_id").asText() + "/runs/" + parent.runId());

        await().until(() -> cluster.jobsOf("tracked").size() == 2);
        assertThat(cluster.children("tracked"))
                .allSatisfy(child -> assertThat(child.getMetadata().getAnnotations())
                        .containsEntry(RunLabels.MLFLOW_PARENT_RUN, parent.runId()));
        assertThat(cluster.jobsOf("tracked"))
                .allSatisfy(job -> assertThat(job.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getEnv())
                        .extracting(EnvVar::getName, EnvVar::getValue)
                        .contains(
                                tuple("PIXELPOLISH_MLFLOW_PARENT_RUN_ID", parent.runId()),
                                tuple("PIXELPOLISH_ABLATION", "tracked"),
                                tuple(
                                        "PIXELPOLISH_TRAINING_RUN",
                                        job.getMetadata().getName())));

        completeWithValidation("tracked-scalar-r0", 0.25, 4.5);
        completeWithValidation("tracked-pixel-r0", 0.5, 4.0);

        await().atMost(Duration.ofMinutes(1))
                .until(() -> cluster.ablation("tracked")
                        .getStatus()
                        .mlflowParentRun()
                        .isClosed());
        assertThat(cluster.ablation("tracked").getStatus().bestArm().name()).isEqualTo("pixel");
        JsonNode ended = rest.run(parent.runId());
        assertThat(ended.path("info").path("status").asText()).isEqualTo("FINISHED");
        assertThat(MlflowRest.tags(ended))
                .containsEntry("pixelpolish.best_arm", "pixel")
                .containsEntry("pixelpolish.best_arm_runs", "tracked-pixel-r0");
        assertThat(rest.metricHistory(parent.runId(), "best/val/quality"))
                .singleElement()
                .satisfies(metric -> assertThat(metric.get("value").asDouble()).isEqualTo(0.5));
        assertThat(MlflowRest.tags(ended))
                .containsEntry("mlflow.loggedArtifacts", "[{\"path\":\"sweep_results.json\",\"type\":\"table\"}]");
        JsonNode table = JSON.readTree(artifact(mlflow, parent.runId(), "sweep_results.json"));
        assertThat(table.get("columns"))
                .extracting(JsonNode::asText)
                .containsExactly(
                        "arm", "repeat", "seed", "training_run", "phase", "objective", "val/niqe", "val/quality");
        assertThat(table.get("data")).hasSize(2);
        assertThat(table.get("data").get(1).toString())
                .isEqualTo("[\"pixel\",0,0,\"tracked-pixel-r0\",\"Succeeded\",0.5,4.0,0.5]");
    }

    @Test
    void theDefaultObjectiveFollowsWhetherTheTemplateValidates() {
        cluster.createAblation("validated", SweepFixtures.grid2x3(1, 0, null));
        cluster.createAblation("rewarded", SweepFixtures.rewardSweep(null));

        await().until(() -> cluster.ablation("validated").getStatus() != null
                && cluster.ablation("rewarded").getStatus() != null);
        await().untilAsserted(() -> {
            assertThat(cluster.ablation("validated").getStatus().objective())
                    .isEqualTo(new Objective("val/quality", Objective.Goal.maximize, Objective.Aggregation.last));
            assertThat(cluster.ablation("rewarded").getStatus().objective().metric())
                    .isEqualTo("rewards/mean");
        });
        await().until(() -> cluster.children("validated").size() == 1
                && cluster.children("rewarded").size() == 4);
    }

    @Test
    void aRewardObjectiveAcrossArmsWithDifferentRewardsFailsTheSweepBeforeAnyRunStarts() {
        AblationSpec arms = SweepFixtures.armsWithRepeats();
        cluster.createAblation(
                "yardsticks",
                new AblationSpec(
                        arms.template(),
                        null,
                        arms.arms(),
                        2,
                        4,
                        0,
                        new Objective("rewards/mean", null, null),
                        null,
                        false));

        await().until(() -> cluster.ablation("yardsticks").getStatus() != null);
        await().untilAsserted(() -> {
            Ablation ablation = cluster.ablation("yardsticks");
            assertThat(ablation.getStatus().phase()).isEqualTo(Phase.Failed);
            assertThat(ClusterObjects.condition(ablation.getStatus(), "SpecValid"))
                    .satisfies(c -> {
                        assertThat(c.getReason()).isEqualTo("InvalidSpec");
                        assertThat(c.getMessage())
                                .contains("reward.mode set differently")
                                .contains("val/quality");
                    });
        });
        await().during(Duration.ofSeconds(1))
                .until(() -> cluster.children("yardsticks").isEmpty());
    }

    /** An artifact of a run, as the MLflow UI downloads it. */
    private static String artifact(URI mlflow, String runId, String path) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(mlflow.resolve("/get-artifact?path=" + path + "&run_uuid=" + runId))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void aSweepDoesNotWaitForAnMlflowServerThatIsDown() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AblationSpec grid = SweepFixtures.grid2x3(2, 0, null);
        cluster.createAblation(
                "untracked",
                new AblationSpec(
                        Fixtures.withMlflow(grid.template(), "http://127.0.0.1:" + closedPort, "down"),
                        grid.parameters(),
                        null,
                        1,
                        2,
                        0,
                        null,
                        null,
                        false));

        await().until(() -> cluster.children("untracked").size() == 2
                && cluster.jobsOf("untracked").size() == 2);
        assertThat(cluster.ablation("untracked").getStatus().mlflowParentRun()).isNull();
        assertThat(cluster.children("untracked"))
                .allSatisfy(child -> assertThat(child.getMetadata().getAnnotations())
                        .doesNotContainKey(RunLabels.MLFLOW_PARENT_RUN));
    }

    @Test
    void aChildTheApiServerRefusesIsAReconcileErrorOfTheSweepUntilARetryCreatesIt() {
        String webhook = "admission webhook \"runs.policy.example\" denied the request: no GPUs for team ml this week";
        server.expect()
                .post()
                .withPath("/apis/" + TrainingRun.GROUP + "/" + TrainingRun.VERSION + "/namespaces/" + Fixtures.NAMESPACE
                        + "/trainingruns")
                .andReturn(HttpURLConnection.HTTP_FORBIDDEN, ClusterObjects.forbidden(webhook))
                .once();

        cluster.createAblation("refused", SweepFixtures.grid2x3(1, 0, null));

        await().untilAsserted(() -> assertThat(
                        ClusterObjects.findCondition(cluster.ablation("refused").getStatus(), "ReconcileError"))
                .hasValueSatisfying(c -> assertThat(c.getMessage()).isEqualTo("HTTP 403: " + webhook)));
        await().untilAsserted(() -> assertThat(cluster.events("refused"))
                .anySatisfy(e -> assertThat(e.getType() + " " + e.getReason()).isEqualTo("Warning ReconcileError")));

        await().until(() -> cluster.children("refused").size() == 1);
        await().untilAsserted(() -> assertThat(
                        ClusterObjects.findCondition(cluster.ablation("refused").getStatus(), "ReconcileError"))
                .isEmpty());
    }

    @Test
    void aRunReportingImpossibleValuesCannotMakeItsArmTheBest() {
        cluster.createAblation("hostile", SweepFixtures.armsWithRepeats());
        await().until(() -> cluster.jobsOf("hostile").size() == 4);

        completeWithValidation("hostile-scalar-r0", 0.3, 4.0);
        completeWithValidation("hostile-scalar-r1", 0.3, 4.0);
        completeWithValidation("hostile-pixel-r0", 0.1, 4.0);
        // 1e999 reads as Infinity, and its run has 60 updates, not a million.
        cluster.report(
                "hostile-pixel-r1",
                "{\"update\":60,\"validation_update\":60,\"validation\":{\"val/quality\":1e999},"
                        + "\"validation_best\":{\"val/quality\":1e999},\"total_updates\":1000000}");
        await().until(() -> ClusterObjects.findCondition(
                        cluster.run("hostile-pixel-r1").getStatus(), "ProgressValid")
                .isPresent());
        complete("hostile-pixel-r1");

        await().until(() -> cluster.ablation("hostile").getStatus().phase() == Phase.Succeeded);
        assertThat(cluster.ablation("hostile").getStatus().bestArm()).satisfies(best -> {
            assertThat(best.name()).isEqualTo("scalar");
            assertThat(best.objectiveValue()).isEqualTo(0.3);
        });
        assertThat(cluster.run("hostile-pixel-r1").getStatus().progress().totalUpdates())
                .as("the run's own config says how long it is")
                .isEqualTo(60);
    }

    /** The trainer's last report of {@code run}, with its final validation, then its exit. */
    private void completeWithValidation(String run, double quality, double niqe) {
        cluster.report(
                run,
                "{\"update\":60,\"total_updates\":60,\"reward_mean\":0.1,\"validation_update\":60,"
                        + "\"validation\":{\"val/quality\":" + quality + ",\"val/niqe\":" + niqe
                        + ",\"val/lol/niqe\":" + niqe + "},\"state\":\"finished\"}");
        await().until(() -> cluster.run(run).getStatus().validation() != null);
        complete(run);
    }

    /** What the Job controller does when the trainer exits 0; the TrainingRun reconciler takes it from there. */
    private void complete(String jobName) {
        await().until(() -> client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(Fixtures.NAMESPACE)
                        .withName(jobName)
                        .get()
                != null);
        client.batch()
                .v1()
                .jobs()
                .inNamespace(Fixtures.NAMESPACE)
                .withName(jobName)
                .edit(job -> {
                    job.setStatus(new JobStatus());
                    job.getStatus()
                            .getConditions()
                            .add(new JobConditionBuilder()
                                    .withType("Complete")
                                    .withStatus("True")
                                    .build());
                    return job;
                });
    }
}
