package io.pixelpolish.operator.observer;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.pixelpolish.contract.ProgressReading;
import io.pixelpolish.contract.ProgressReport;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import io.pixelpolish.operator.status.RunObservation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainingRunObserverTest {
    private final TrainingRun run = Fixtures.trainingRun("denoise", Fixtures.runSpec());

    @Test
    void noJobYetIsPending() {
        RunObservation observed = TrainingRunObserver.observe(run, Optional.empty(), List.of(), ProgressReading.NONE);

        assertThat(observed.phase()).isEqualTo(Phase.Pending);
        assertThat(observed.reason()).isEqualTo(Reason.Creating);
    }

    @Test
    void completeJobSucceeds() {
        Job job = job(false, "Complete", "True", null, null);
        job.getStatus().setCompletionTime("2026-11-25T13:00:00Z");

        RunObservation observed = observe(job);

        assertThat(observed.phase()).isEqualTo(Phase.Succeeded);
        assertThat(observed.reason()).isEqualTo(Reason.Completed);
        assertThat(observed.completionTime()).isEqualTo("2026-11-25T13:00:00Z");
    }

    @Test
    void deadlineAndBackoffFailuresKeepTheJobsReason() {
        assertThat(observe(job(
                        false, "Failed", "True", "DeadlineExceeded", "Job was active longer than specified deadline")))
                .satisfies(o -> {
                    assertThat(o.phase()).isEqualTo(Phase.Failed);
                    assertThat(o.reason()).isEqualTo(Reason.DeadlineExceeded);
                    assertThat(o.message()).contains("deadline");
                    assertThat(o.completionTime()).isEqualTo("2026-11-25T12:30:00Z");
                });
        Job backoff =
                job(false, "Failed", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        assertThat(TrainingRunObserver.observe(
                        run,
                        Optional.of(backoff),
                        List.of(failedPod("denoise-a", 1, "Error", "checkpoint write failed")),
                        ProgressReading.NONE))
                .satisfies(o -> {
                    assertThat(o.reason()).isEqualTo(Reason.BackoffLimitExceeded);
                    assertThat(o.message()).endsWith("trainer: checkpoint write failed");
                });
    }

    @Test
    void oomKilledLastPodNamesTheFailure() {
        Job job = job(false, "Failed", "True", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        job.getStatus().setFailed(4);

        RunObservation observed = TrainingRunObserver.observe(
                run, Optional.of(job), List.of(failedPod("denoise-a", 137, "OOMKilled", null)), ProgressReading.NONE);

        assertThat(observed.phase()).isEqualTo(Phase.Failed);
        assertThat(observed.reason()).isEqualTo(Reason.OOMKilled);
        assertThat(observed.restarts()).isEqualTo(4);
    }

    @Test
    void exitCodeTwoIsAConfigTheTrainerRefused() {
        Job job = job(
                false,
                "Failed",
                "True",
                "PodFailurePolicy",
                "Container trainer for pod ml/denoise-a failed with exit code 2");

        RunObservation observed = TrainingRunObserver.observe(
                run,
                Optional.of(job),
                List.of(failedPod("denoise-a", 2, "Error", "train.lr: expected > 0, got -1.0")),
                ProgressReading.NONE);

        assertThat(observed.reason()).isEqualTo(Reason.InvalidConfig);
        assertThat(observed.message()).contains("train.lr: expected > 0");
    }

    @Test
    void suspendedJobIsSuspendedOrQueued() {
        TrainingRun suspended =
                Fixtures.trainingRun("denoise", Fixtures.runSpec().withSuspend(true));

        assertThat(TrainingRunObserver.observe(
                                suspended,
                                Optional.of(job(true, null, null, null, null)),
                                List.of(),
                                ProgressReading.NONE)
                        .phase())
                .isEqualTo(Phase.Suspended);
        assertThat(observe(job(true, null, null, null, null))).satisfies(o -> {
            assertThat(o.phase()).isEqualTo(Phase.Pending);
            assertThat(o.reason()).isEqualTo(Reason.Queued);
        });
    }

    @Test
    void waitingPodReportsImagePullBackOffAndUnschedulable() {
        Pod pulling = pod("denoise-a", "Pending");
        pulling.getStatus()
                .getContainerStatuses()
                .get(0)
                .setState(new ContainerStateBuilder()
                        .withNewWaiting()
                        .withReason("ErrImagePull")
                        .withMessage("manifest unknown")
                        .endWaiting()
                        .build());
        Pod unschedulable = pod("denoise-b", "Pending");
        unschedulable.getStatus().setContainerStatuses(List.of());
        unschedulable
                .getStatus()
                .getConditions()
                .add(new io.fabric8.kubernetes.api.model.PodConditionBuilder()
                        .withType("PodScheduled")
                        .withStatus("False")
                        .withReason("Unschedulable")
                        .withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.")
                        .build());

        assertThat(observe(job(false, null, null, null, null), pulling)).satisfies(o -> {
            assertThat(o.phase()).isEqualTo(Phase.Pending);
            assertThat(o.reason()).isEqualTo(Reason.ImagePullBackOff);
            assertThat(o.message()).isEqualTo("manifest unknown");
        });
        assertThat(observe(job(false, null, null, null, null), unschedulable)).satisfies(o -> {
            assertThat(o.reason()).isEqualTo(Reason.Unschedulable);
            assertThat(o.message()).contains("Insufficient nvidia.com/gpu");
        });
    }

    @Test
    void kubeletAndJobReasonsWithoutAWordOfOursAreNamedInTheMessage() {
        Pod missingSecret = waitingPod("CreateContainerConfigError", "secret \"mlflow-creds\" not found");
        Pod hookFailed = waitingPod("PreCreateHookError", "hook failed");
        Job failed = job(
                false,
                "Failed",
                "True",
                "MaxFailedIndexesExceeded",
                "Job has exceeded the specified maximal number of failed indexes");

        assertThat(observe(job(false, null, null, null, null), missingSecret)).satisfies(o -> {
            assertThat(o.reason()).isEqualTo(Reason.CreateContainerConfigError);
            assertThat(o.message()).isEqualTo("secret \"mlflow-creds\" not found");
        });
        assertThat(observe(job(false, null, null, null, null), hookFailed)).satisfies(o -> {
            assertThat(o.reason()).isEqualTo(Reason.ContainerWaiting);
            assertThat(o.message()).isEqualTo("PreCreateHookError: hook failed");
        });
        assertThat(observe(failed).reason()).isEqualTo(Reason.JobFailed);
    }

    @Test
    void runningPodAfterAnOomIsRunningWithARestart() {
        Pod failed = failedPod("denoise-a", 137, "OOMKilled", null);
        failed.getMetadata().setCreationTimestamp("2026-11-25T12:00:00Z");
        Pod running = pod("denoise-b", "Running");
        running.getMetadata().setCreationTimestamp("2026-11-25T12:05:00Z");

        RunObservation observed = observe(job(false, null, null, null, null), failed, running);

        assertThat(observed.phase()).isEqualTo(Phase.Running);
        assertThat(observed.restarts()).isEqualTo(1);
        assertThat(observed.message())
                .contains("denoise-b is training")
                .contains("denoise-a")
                .contains("OOMKilled");
    }

    @Test
    void progressReportIsReadAndAnUnreadableOneIgnored() {
        ConfigMap progress = new ConfigMapBuilder()
                .withData(Map.of(
                        "progress.json",
                        "{\"update\":120,\"total_updates\":2000,\"percent\":6.0,\"reward_mean\":0.123,"
                                + "\"rewards\":{\"gradient\":0.08},\"last_checkpoint\":\"checkpoints/update-000100.ckpt\","
                                + "\"eta_s\":1900.0,\"state\":\"running\",\"future_key\":1}"))
                .build();

        Optional<ProgressReport> report = TrainingRunObserver.observe(
                        run, Optional.empty(), List.of(), TrainingRunObserver.progress(Optional.of(progress), null))
                .progress()
                .report();
        assertThat(report).hasValueSatisfying(r -> {
            assertThat(r.update()).isEqualTo(120);
            assertThat(r.totalUpdates()).isEqualTo(2000);
            assertThat(r.rewardMean()).isEqualTo(0.123);
            assertThat(r.rewards()).containsEntry("gradient", 0.08);
            assertThat(r.lastCheckpoint()).isEqualTo("checkpoints/update-000100.ckpt");
        });
        ConfigMap garbled = new ConfigMapBuilder()
                .withData(Map.of("progress.json", "{not json"))
                .build();
        assertThat(TrainingRunObserver.observe(
                                run,
                                Optional.empty(),
                                List.of(),
                                TrainingRunObserver.progress(Optional.of(garbled), null))
                        .progress()
                        .report())
                .isEmpty();
    }

    @Test
    void aCompletedJobWhoseTrainerStoppedForRewardHackingFailsWithThatReason() {
        String stopped =
                "stopped at update 300: reward hacking suspected (eme up 40% while niqe got worse over 20 updates)";
        ConfigMap hacked = progress("{\"update\":300,\"total_updates\":2000,\"reward_hacking\":true,"
                + "\"state\":\"killed\",\"message\":\"" + stopped + "\"}");

        RunObservation observed = TrainingRunObserver.observe(
                run,
                Optional.of(job(false, "Complete", "True", null, null)),
                List.of(),
                TrainingRunObserver.progress(Optional.of(hacked), null));

        assertThat(observed.phase()).isEqualTo(Phase.Failed);
        assertThat(observed.reason()).isEqualTo(Reason.RewardHacking);
        assertThat(observed.message()).isEqualTo(stopped);
        assertThat(observed.completionTime()).isEqualTo("2026-11-25T12:30:00Z");

        ConfigMap watchedToTheEnd =
                progress("{\"update\":2000,\"total_updates\":2000,\"reward_hacking\":true,\"state\":\"finished\"}");
        assertThat(TrainingRunObserver.observe(
                                run,
                                Optional.of(job(false, "Complete", "True", null, null)),
                                List.of(),
                                TrainingRunObserver.progress(Optional.of(watchedToTheEnd), null))
                        .phase())
                .as("a run that trained every update finished, whatever its watch said last")
                .isEqualTo(Phase.Succeeded);
    }

    private static ConfigMap progress(String json) {
        return new ConfigMapBuilder().withData(Map.of("progress.json", json)).build();
    }

    private RunObservation observe(Job job, Pod... pods) {
        return TrainingRunObserver.observe(run, Optional.of(job), List.of(pods), ProgressReading.NONE);
    }

    private static Job job(boolean suspended, String type, String status, String reason, String message) {
        JobBuilder builder = new JobBuilder()
                .withNewMetadata()
                .withName("denoise")
                .endMetadata()
                .withNewSpec()
                .withSuspend(suspended)
                .endSpec()
                .withNewStatus()
                .withStartTime("2026-11-25T12:00:00Z")
                .endStatus();
        Job job = builder.build();
        if (type != null) {
            job.getStatus()
                    .getConditions()
                    .add(new JobConditionBuilder()
                            .withType(type)
                            .withStatus(status)
                            .withReason(reason)
                            .withMessage(message)
                            .withLastTransitionTime("2026-11-25T12:30:00Z")
                            .build());
        }
        return job;
    }

    private static Pod pod(String name, String phase) {
        return new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewStatus()
                .withPhase(phase)
                .addNewContainerStatus()
                .withName("trainer")
                .withNewState()
                .withNewRunning()
                .endRunning()
                .endState()
                .endContainerStatus()
                .endStatus()
                .build();
    }

    private static Pod waitingPod(String reason, String message) {
        Pod pod = pod("denoise-a", "Pending");
        pod.getStatus()
                .getContainerStatuses()
                .get(0)
                .setState(new ContainerStateBuilder()
                        .withNewWaiting()
                        .withReason(reason)
                        .withMessage(message)
                        .endWaiting()
                        .build());
        return pod;
    }

    private static Pod failedPod(String name, int exitCode, String reason, String message) {
        Pod pod = pod(name, "Failed");
        pod.getStatus()
                .getContainerStatuses()
                .get(0)
                .setState(new ContainerStateBuilder()
                        .withNewTerminated()
                        .withExitCode(exitCode)
                        .withReason(reason)
                        .withMessage(message)
                        .endTerminated()
                        .build());
        return pod;
    }
}
