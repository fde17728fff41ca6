package io.pixelpolish.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunSpec;
import io.pixelpolish.operator.api.TrainingRunStatus;
import io.pixelpolish.operator.dependent.RunLabels;
import io.pixelpolish.operator.dependent.TrainerJobDependent;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import java.net.HttpURLConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingRunOperatorTest extends OperatorOnMockServerTest {

    @Test
    void createsTheJobItsConfigMapsAndProgressRbacOwnedByTheRun() {
        TrainingRun run = cluster.createRun("owned", Fixtures.runSpec());

        Job job = cluster.awaitJob("owned");
        String uid = run.getMetadata().getUid();
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getUid()).isEqualTo(uid);
            assertThat(ref.getController()).isTrue();
        });
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
                .contains("--resume");
        ConfigMap config = cluster.configMap("owned-config");
        assertThat(config.getImmutable()).isTrue();
        assertThat(config.getData().get("config.yaml")).contains("local_dev").contains("total_updates: 60");
        for (var owned : List.of(
                cluster.configMap("owned-progress"),
                client.resources(ServiceAccount.class)
                        .inNamespace(Fixtures.NAMESPACE)
                        .withName("owned-trainer")
                        .get(),
                client.resources(Role.class)
                        .inNamespace(Fixtures.NAMESPACE)
                        .withName("owned-progress-writer")
                        .get(),
                client.resources(RoleBinding.class)
                        .inNamespace(Fixtures.NAMESPACE)
                        .withName("owned-progress-writer")
                        .get())) {
            assertThat(owned.getMetadata().getOwnerReferences())
                    .singleElement()
                    .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(uid));
        }
        TrainingRunStatus status = cluster.awaitStatus("owned", s -> "owned".equals(s.jobName()));
        assertThat(status.phase()).isEqualTo(Phase.Pending);
        assertThat(status.observedGeneration()).isEqualTo(1L);
        assertThat(status.conditions())
                .extracting(c -> c.getType() + "=" + c.getStatus())
                .containsExactly(
                        "ConfigValid=True", "Running=False", "Suspended=False", "Complete=False", "Failed=False");
    }

    @Test
    void succeededJobMakesTheRunSucceedWithAnEvent() {
        cluster.createRun("finishes", Fixtures.runSpec());
        Job job = cluster.awaitJob("finishes");

        setJobCondition(job, "Complete", null, null);

        TrainingRunStatus status = cluster.awaitStatus("finishes", s -> s.phase() == Phase.Succeeded);
        assertThat(ClusterObjects.condition(status, "Complete").getStatus()).isEqualTo("True");
        await().untilAsserted(() -> assertThat(cluster.events("finishes")).anySatisfy(e -> {
            assertThat(e.getReason()).isEqualTo(Reason.Completed.name());
            assertThat(e.getType()).isEqualTo("Normal");
            assertThat(e.getMessage()).startsWith("Pending -> Succeeded");
        }));
    }

    @Test
    void deadlineExceededFailsTheRunWithThatReasonAndAWarning() {
        cluster.createRun("too-slow", Fixtures.runSpec());
        Job job = cluster.awaitJob("too-slow");

        setJobCondition(job, "Failed", "DeadlineExceeded", "Job was active longer than specified deadline");

        TrainingRunStatus status = cluster.awaitStatus("too-slow", s -> s.phase() == Phase.Failed);
        assertThat(ClusterObjects.condition(status, "Failed").getReason()).isEqualTo("DeadlineExceeded");
        await().untilAsserted(() -> assertThat(cluster.events("too-slow"))
                .anySatisfy(e -> assertThat(e.getType() + " " + e.getReason()).isEqualTo("Warning DeadlineExceeded")));
    }

    @Test
    void finishedRunIsNotRestartedWhenItsJobIsDeletedAfterTtl() {
        cluster.createRun("ttl", Fixtures.runSpec());
        setJobCondition(cluster.awaitJob("ttl"), "Complete", null, null);
        cluster.awaitStatus("ttl", s -> s.phase() == Phase.Succeeded);

        client.batch()
                .v1()
                .jobs()
                .inNamespace(Fixtures.NAMESPACE)
                .withName("ttl")
                .delete();

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(client.batch()
                            .v1()
                            .jobs()
                            .inNamespace(Fixtures.NAMESPACE)
                            .withName("ttl")
                            .get())
                    .isNull();
            assertThat(cluster.run("ttl").getStatus().phase()).isEqualTo(Phase.Succeeded);
        });
    }

    @Test
    void suspendSuspendsTheJobAndResumeUnsuspendsIt() {
        cluster.createRun("pausable", Fixtures.runSpec());
        assertThat(cluster.awaitJob("pausable").getSpec().getSuspend()).isFalse();

        cluster.setSuspend("pausable", true);
        await().until(() ->
                Boolean.TRUE.equals(cluster.job("pausable").getSpec().getSuspend()));
        assertThat(cluster.awaitStatus("pausable", s -> s.phase() == Phase.Suspended)
                        .conditions())
                .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Suspended=True"));

        cluster.setSuspend("pausable", false);
        await().until(() ->
                Boolean.FALSE.equals(cluster.job("pausable").getSpec().getSuspend()));
        cluster.awaitStatus("pausable", s -> s.phase() == Phase.Pending);
    }

    @Test
    void aQueuedRunIsSuspendedByTheOperatorButUnsuspendedOnlyByKueue() {
        TrainingRun queued = Fixtures.trainingRun("queued", Fixtures.runSpec());
        queued.getMetadata().setLabels(Map.of(RunLabels.KUEUE_QUEUE, "gpu"));
        cluster.submit(queued);
        assertThat(cluster.awaitJob("queued").getSpec().getSuspend()).isTrue();

        setJobSuspend("queued", false);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(cluster.job("queued").getSpec().getSuspend())
                        .as("admitted by Kueue")
                        .isFalse());

        cluster.setSuspend("queued", true);
        await().until(() -> Boolean.TRUE.equals(cluster.job("queued").getSpec().getSuspend()));
        cluster.setSuspend("queued", false);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(cluster.job("queued").getSpec().getSuspend())
                        .as("Kueue's to admit again")
                        .isTrue());
    }

    @Test
    void aRunThatNamesItsServiceAccountGetsItsJobButNoServiceAccountOfTheOperator() {
        TrainingRunSpec base = Fixtures.runSpec();
        cluster.createRun(
                "own-account",
                new TrainingRunSpec(
                        base.image(),
                        base.imagePullPolicy(),
                        base.config(),
                        base.data(),
                        base.output(),
                        base.resources(),
                        null,
                        null,
                        null,
                        null,
                        "team-trainer",
                        null,
                        false,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));

        assertThat(cluster.awaitJob("own-account")
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getServiceAccountName())
                .isEqualTo("team-trainer");
        assertThat(client.resources(RoleBinding.class)
                        .inNamespace(Fixtures.NAMESPACE)
                        .withName("own-account-progress-writer")
                        .get()
                        .getSubjects())
                .singleElement()
                .satisfies(s -> assertThat(s.getName()).isEqualTo("team-trainer"));
        assertThat(client.resources(ServiceAccount.class)
                        .inNamespace(Fixtures.NAMESPACE)
                        .list()
                        .getItems())
                .extracting(sa -> sa.getMetadata().getName())
                .doesNotContain("own-account-trainer", "team-trainer");
    }

    @Test
    void progressWrittenByTheTrainerReachesTheStatus() {
        cluster.createRun("reports", Fixtures.runSpec());
        cluster.awaitJob("reports");
        await().until(() -> cluster.configMap("reports-progress") != null);

        client.configMaps()
                .inNamespace(Fixtures.NAMESPACE)
                .withName("reports-progress")
                .edit(cm -> {
                    cm.setData(Map.of(
                            "progress.json",
                            "{\"update\":30,\"total_updates\":60,\"percent\":50.0,\"reward_mean\":0.123,"
                                    + "\"rewards\":{\"gradient\":0.08,\"entropy\":0.03,\"eme\":0.01},"
                                    + "\"last_checkpoint\":\"checkpoints/update-000100.ckpt\",\"elapsed_s\":123.4,\"eta_s\":1900.0,"
                                    + "\"images_per_s\":12.3,\"state\":\"running\",\"mlflow_run_id\":\"abc123\",\"mlflow_run_url\":null,"
                                    + "\"time\":\"2026-11-25T12:00:00Z\"}"));
                    return cm;
                });

        TrainingRunStatus status = cluster.awaitStatus("reports", s -> s.progress() != null);
        assertThat(status.progress().update()).isEqualTo(30);
        assertThat(status.progress().totalUpdates()).isEqualTo(60);
        assertThat(status.progress().percent()).isEqualTo(50.0);
        assertThat(status.progress().etaSeconds()).isEqualTo(1900.0);
        assertThat(status.lastMetrics().rewardMean()).isEqualTo(0.123);
        assertThat(status.lastMetrics().rewards()).containsEntry("eme", 0.01);
        assertThat(status.lastCheckpoint()).isEqualTo("checkpoints/update-000100.ckpt");
        assertThat(status.mlflow().runId()).isEqualTo("abc123");
    }

    @Test
    void validationAndTheRewardHackingWatchReachTheStatusAndAFiringWatchIsAWarning() {
        cluster.createRun("validated", Fixtures.validatedRunSpec());
        cluster.awaitJob("validated");
        String reason = "update 45: eme rose 40% while val/niqe got worse, over 20 updates";
        cluster.report(
                "validated",
                "{\"update\":50,\"total_updates\":60,\"reward_mean\":0.4,\"greedy_reward\":0.31,"
                        + "\"reward_hacking\":true,\"reward_hacking_reason\":\"" + reason + "\","
                        + "\"validation\":{\"val/quality\":0.12,\"val/niqe\":4.5,\"val/lol/psnr\":18.2},"
                        + "\"validation_update\":45,\"validation_best\":{\"val/quality\":0.2,\"val/niqe\":4.1,"
                        + "\"val/lol/psnr\":18.9},\"state\":\"running\"}");

        TrainingRunStatus status = cluster.awaitStatus("validated", s -> s.validation() != null);
        assertThat(status.validation().update()).isEqualTo(45);
        assertThat(status.validation().measures())
                .containsEntry("val/quality", 0.12)
                .containsEntry("val/lol/psnr", 18.2);
        assertThat(status.validation().best()).containsEntry("val/niqe", 4.1);
        assertThat(status.lastMetrics().greedyReward()).isEqualTo(0.31);
        assertThat(status.lastMetrics().rewardHacking()).isTrue();
        assertThat(ClusterObjects.condition(status, "RewardHacking")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo(Reason.RewardHacking.name());
            assertThat(c.getMessage()).isEqualTo(reason);
        });
        assertThat(status.phase()).as("the watch alone does not stop a run").isEqualTo(Phase.Pending);
        await().untilAsserted(() -> assertThat(cluster.events("validated")).anySatisfy(e -> {
            assertThat(e.getType() + " " + e.getReason()).isEqualTo("Warning RewardHacking");
            assertThat(e.getMessage()).isEqualTo(reason);
        }));

        cluster.report(
                "validated", "{\"update\":55,\"reward_hacking\":false,\"reward_hacking_reason\":\"" + reason + "\"}");
        TrainingRunStatus calm = cluster.awaitStatus(
                "validated",
                s -> "False".equals(ClusterObjects.condition(s, "RewardHacking").getStatus()));
        assertThat(ClusterObjects.condition(calm, "RewardHacking")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo(Reason.NoRewardHacking.name());
            assertThat(c.getMessage()).isEqualTo("last suspected at " + reason);
        });
    }

    @Test
    void stopOnRewardHackingTellsTheTrainerAndARunThatStoppedSoFailsWithReasonRewardHacking() {
        cluster.createRun("hacked", Fixtures.runSpec(null, null, true));
        Job job = cluster.awaitJob("hacked");
        assertThat(cluster.configMap("hacked-config").getData().get("config.yaml"))
                .contains("stop_on_hacking: true");

        String stopped = "stopped at update 40: reward hacking suspected (eme up, niqe worse)";
        cluster.report(
                "hacked",
                "{\"update\":40,\"total_updates\":60,\"reward_hacking\":true,\"state\":\"killed\"," + "\"message\":\""
                        + stopped + "\"}");
        cluster.awaitStatus("hacked", s -> s.lastMetrics() != null);
        setJobCondition(job, "Complete", null, null);

        TrainingRunStatus status = cluster.awaitStatus("hacked", s -> s.phase() == Phase.Failed);
        assertThat(ClusterObjects.condition(status, "Failed")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo(Reason.RewardHacking.name());
            assertThat(c.getMessage()).isEqualTo(stopped);
        });
        assertThat(ClusterObjects.condition(status, "RewardHacking").getMessage())
                .as("the trainer gave no reason of its own")
                .isEqualTo("reward hacking suspected at update 40");
        assertThat(status.completionTime()).isEqualTo("2026-11-25T13:00:00Z");
        await().untilAsserted(() -> assertThat(cluster.events("hacked"))
                .anySatisfy(e -> assertThat(e.getType() + " " + e.getReason() + " " + e.getMessage())
                        .isEqualTo("Warning RewardHacking Pending -> Failed: " + stopped)));
    }

    @Test
    void invalidConfigFailsTheRunWithoutAJob() {
        cluster.createRun(
                "bad-config", Fixtures.withSet(Fixtures.runSpec(), Map.of("train.clip_ratio", Fixtures.number(1.5))));

        TrainingRunStatus status = cluster.awaitStatus("bad-config", s -> s.phase() == Phase.Failed);
        assertThat(ClusterObjects.condition(status, "ConfigValid").getStatus()).isEqualTo("False");
        assertThat(ClusterObjects.condition(status, "Failed").getReason()).isEqualTo(Reason.InvalidConfig.name());
        assertThat(ClusterObjects.condition(status, "Failed").getMessage())
                .contains("train.clip_ratio: expected in (0, 1), got 1.5");
        await().untilAsserted(() -> assertThat(cluster.events("bad-config"))
                .anySatisfy(e -> assertThat(e.getType() + " " + e.getReason()).isEqualTo("Warning InvalidConfig")));
        assertThat(client.batch()
                        .v1()
                        .jobs()
                        .inNamespace(Fixtures.NAMESPACE)
                        .withName("bad-config")
                        .get())
                .isNull();
        assertThat(cluster.configMap("bad-config-config")).isNull();
    }

    @Test
    void deletedJobOfAnUnfinishedRunIsCreatedAgain() {
        cluster.createRun("recreated", Fixtures.runSpec());
        String firstUid = cluster.awaitJob("recreated").getMetadata().getUid();

        client.batch()
                .v1()
                .jobs()
                .inNamespace(Fixtures.NAMESPACE)
                .withName("recreated")
                .delete();

        await().until(() -> {
            Job job = cluster.job("recreated");
            return job != null && !job.getMetadata().getUid().equals(firstUid);
        });
    }

    @Test
    void aConfigMapOrRoleSomeoneElseMadeUnderTheRunsNameIsRefusedAndNoJobIsCreated() {
        // With the operator's labels, so its cache finds it; only the owner reference is missing.
        client.resource(new ConfigMapBuilder()
                        .withNewMetadata()
                        .withName("squatted-config")
                        .withNamespace(Fixtures.NAMESPACE)
                        .withLabels(Map.of(RunLabels.MANAGED_BY, RunLabels.OPERATOR, RunLabels.COMPONENT, "config"))
                        .endMetadata()
                        .withData(Map.of("config.yaml", "train: {total_updates: 1}"))
                        .build())
                .create();
        // Without labels: the create conflicts, and what is found must not be taken either.
        client.resource(new RoleBuilder()
                        .withNewMetadata()
                        .withName("wide-progress-writer")
                        .withNamespace(Fixtures.NAMESPACE)
                        .endMetadata()
                        .addNewRule()
                        .withApiGroups("")
                        .withResources("secrets")
                        .withVerbs("get", "list")
                        .endRule()
                        .build())
                .create();

        cluster.createRun("squatted", Fixtures.runSpec());
        cluster.createRun("wide", Fixtures.runSpec());

        for (String run : List.of("squatted", "wide")) {
            TrainingRunStatus status = cluster.awaitStatus(
                    run, s -> ClusterObjects.findCondition(s, "ReconcileError").isPresent());
            assertThat(ClusterObjects.condition(status, "ReconcileError")).satisfies(c -> {
                assertThat(c.getReason()).isEqualTo(Reason.NotOwned.name());
                assertThat(c.getMessage()).contains("exists but was not created for TrainingRun " + run);
            });
            await().untilAsserted(() -> assertThat(cluster.events(run))
                    .anySatisfy(
                            e -> assertThat(e.getType() + " " + e.getReason()).isEqualTo("Warning NotOwned")));
        }
        assertThat(ClusterObjects.condition(cluster.run("squatted").getStatus(), "ReconcileError")
                        .getMessage())
                .contains("ConfigMap squatted-config");
        assertThat(ClusterObjects.condition(cluster.run("wide").getStatus(), "ReconcileError")
                        .getMessage())
                .contains("Role wide-progress-writer");
        assertThat(cluster.job("squatted")).isNull();
        assertThat(cluster.job("wide")).isNull();
        assertThat(client.resources(RoleBinding.class)
                        .inNamespace(Fixtures.NAMESPACE)
                        .withName("wide-progress-writer")
                        .get())
                .as("nothing is bound to a Role the run does not own")
                .isNull();
    }

    @Test
    void aJobDeletedByHandIsNotReplacedWhileItsPodStillWritesTheRunFolder() {
        TrainingRun run = cluster.createRun("orphaned", Fixtures.runSpec());
        String firstUid = cluster.awaitJob("orphaned").getMetadata().getUid();
        // What the Job controller made, left running by `kubectl delete job --cascade=orphan`.
        Pod pod = client.resource(new PodBuilder()
                        .withNewMetadata()
                        .withName("orphaned-abcde")
                        .withNamespace(Fixtures.NAMESPACE)
                        .withLabels(RunLabels.ofTrainer(run))
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("trainer")
                        .withImage("trainer")
                        .endContainer()
                        .endSpec()
                        .withNewStatus()
                        .withPhase("Running")
                        .endStatus()
                        .build())
                .create();

        client.batch()
                .v1()
                .jobs()
                .inNamespace(Fixtures.NAMESPACE)
                .withName("orphaned")
                .delete();

        TrainingRunStatus waiting = cluster.awaitStatus(
                "orphaned",
                s -> Reason.PreviousPodRunning.name()
                        .equals(ClusterObjects.condition(s, "Running").getReason()));
        assertThat(ClusterObjects.condition(waiting, "Running").getMessage()).contains("orphaned-abcde");
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(cluster.job("orphaned")).isNull());

        client.pods().resource(pod).edit(p -> {
            p.getStatus().setPhase("Succeeded");
            return p;
        });

        await().until(() -> {
            Job job = cluster.job("orphaned");
            return job != null && !job.getMetadata().getUid().equals(firstUid);
        });
    }

    @Test
    void aHostileProgressReportDoesNotReachTheStatusButTheRestOfTheReportDoes() {
        cluster.createRun("hostile", Fixtures.validatedRunSpec());
        cluster.awaitJob("hostile");

        cluster.report(
                "hostile",
                "{\"update\":30,\"total_updates\":60,\"reward_mean\":1e999,\"rewards\":{\"gradient\":\"NaN\","
                        + "\"Evil Name\":1.0,\"eme\":0.2},\"validation\":{\"val/quality\":0.1},"
                        + "\"validation_update\":999}");

        TrainingRunStatus status = cluster.awaitStatus(
                "hostile", s -> ClusterObjects.findCondition(s, "ProgressValid").isPresent());
        assertThat(status.progress().update()).isEqualTo(30);
        assertThat(status.lastMetrics().rewardMean()).isNull();
        assertThat(status.lastMetrics().rewards()).containsOnlyKeys("eme");
        assertThat(status.validation()).isNull();
        assertThat(ClusterObjects.condition(status, "ProgressValid")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("False");
            assertThat(c.getReason()).isEqualTo(Reason.ProgressRefused.name());
            assertThat(c.getMessage())
                    .contains("reward_mean Infinity is not finite: dropped")
                    .contains("validation_update 999 is outside 0..60: dropped");
        });

        cluster.report("hostile", "{\"update\":31,\"message\":\"" + "x".repeat(70_000) + "\"}");
        TrainingRunStatus refused = cluster.awaitStatus(
                "hostile",
                s -> ClusterObjects.condition(s, "ProgressValid").getMessage().contains("over the limit"));
        assertThat(refused.progress().update())
                .as("the last report that was taken")
                .isEqualTo(30);

        cluster.report("hostile", "{\"update\":32,\"total_updates\":60}");
        TrainingRunStatus honest = cluster.awaitStatus(
                "hostile",
                s -> "True".equals(ClusterObjects.condition(s, "ProgressValid").getStatus()));
        assertThat(honest.progress().update()).isEqualTo(32);
        assertThat(ClusterObjects.condition(honest, "ProgressValid").getReason())
                .isEqualTo(Reason.ProgressAccepted.name());
    }

    @Test
    void aJobTheApiServerRefusesIsAReconcileErrorWithItsAnswerUntilARetryCreatesIt() {
        String quota = "jobs.batch \"refused\" is forbidden: exceeded quota: jobs, requested: count/jobs.batch=1,"
                + " used: count/jobs.batch=0, limited: count/jobs.batch=0";
        server.expect()
                .post()
                .withPath("/apis/batch/v1/namespaces/" + Fixtures.NAMESPACE + "/jobs")
                .andReturn(HttpURLConnection.HTTP_FORBIDDEN, ClusterObjects.forbidden(quota))
                .once();

        cluster.createRun("refused", Fixtures.runSpec());

        TrainingRunStatus failing = cluster.awaitStatus(
                "refused",
                s -> ClusterObjects.findCondition(s, "ReconcileError").isPresent());
        assertThat(ClusterObjects.condition(failing, "ReconcileError")).satisfies(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo(Reason.ReconcileError.name());
            assertThat(c.getMessage()).isEqualTo(TrainerJobDependent.NAME + ": HTTP 403: " + quota);
        });
        await().untilAsserted(() -> assertThat(cluster.events("refused")).anySatisfy(e -> {
            assertThat(e.getType() + " " + e.getReason()).isEqualTo("Warning ReconcileError");
            assertThat(e.getMessage()).contains(quota);
        }));

        cluster.awaitJob("refused");
        TrainingRunStatus recovered = cluster.awaitStatus("refused", s -> "refused".equals(s.jobName()));
        assertThat(ClusterObjects.findCondition(recovered, "ReconcileError")).isEmpty();
    }

    /** What Kueue does to admit a queued Job, or to preempt it. */
    private void setJobSuspend(String name, boolean suspend) {
        client.batch()
                .v1()
                .jobs()
                .inNamespace(Fixtures.NAMESPACE)
                .withName(name)
                .edit(j -> {
                    j.getSpec().setSuspend(suspend);
                    return j;
                });
    }

    private void setJobCondition(Job job, String type, String reason, String message) {
        client.batch()
                .v1()
                .jobs()
                .inNamespace(Fixtures.NAMESPACE)
                .withName(job.getMetadata().getName())
                .edit(j -> {
                    if (j.getStatus() == null) {
                        j.setStatus(new JobStatus());
                    }
                    j.getStatus()
                            .getConditions()
                            .add(new JobConditionBuilder()
                                    .withType(type)
                                    .withStatus("True")
                                    .withReason(reason)
                                    .withMessage(message)
                                    .withLastTransitionTime("2026-11-25T13:00:00Z")
                                    .build());
                    return j;
                });
    }
}
