package io.pixelpolish.operator.observer;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.pixelpolish.contract.ExitCodes;
import io.pixelpolish.contract.ProgressReading;
import io.pixelpolish.contract.ProgressReport;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.dependent.TrainerJobs;
import io.pixelpolish.operator.dependent.TrainerPods;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import io.pixelpolish.operator.status.RunObservation;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a run's Job, pods and progress report into one {@link RunObservation}. Pure: it writes
 * nothing and calls no API, so every mapping is unit-tested on hand-made objects.
 */
public final class TrainingRunObserver {
    private static final Set<String> IMAGE_PULL_FAILURES =
            Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName");
    private static final Set<String> NORMAL_WAITING = Set.of("ContainerCreating", "PodInitializing");
    /** Kubelet waiting reasons that keep their name as the run's reason. */
    private static final Set<Reason> CONTAINER_WAITING =
            EnumSet.of(Reason.CreateContainerConfigError, Reason.CreateContainerError);
    /** Job controller reasons of a Failed condition that keep their name as the run's reason. */
    private static final Set<Reason> JOB_FAILURES =
            EnumSet.of(Reason.BackoffLimitExceeded, Reason.DeadlineExceeded, Reason.PodFailurePolicy);
    // Kubernetes' own words, as the scheduler and kubelet write them.
    private static final String POD_UNSCHEDULABLE = "Unschedulable";
    private static final String OOM_KILLED = "OOMKilled";
    /** The trainer's final state when something asked it to stop early (its RunTracker.Status KILLED, lower-cased). */
    private static final String STOPPED_EARLY = "killed";

    private TrainingRunObserver() {}

    /**
     * The progress ConfigMap's report, checked ({@link ProgressReading}): the trainer runs whatever
     * image the run chose, so what it reports is untrusted.
     *
     * @param totalUpdates train.total_updates of the run's frozen config, null while unknown
     */
    public static ProgressReading progress(Optional<ConfigMap> progressConfigMap, Integer totalUpdates) {
        return progressConfigMap
                .map(ConfigMap::getData)
                .map(data -> ProgressReading.read(data.get(ProgressReport.CONFIGMAP_KEY), totalUpdates))
                .orElse(ProgressReading.NONE);
    }

    public static RunObservation observe(
            TrainingRun run, Optional<Job> job, Collection<Pod> pods, ProgressReading progress) {
        if (job.isEmpty()) {
            Optional<Pod> previous =
                    pods.stream().filter(TrainerPods::mayStillWrite).findFirst();
            if (previous.isPresent()) {
                return new RunObservation(
                        Phase.Pending,
                        Reason.PreviousPodRunning,
                        "waiting for pod " + previous.get().getMetadata().getName()
                                + " of a deleted Job to end before starting another: two pods must not"
                                + " write one run folder",
                        null,
                        null,
                        0,
                        progress);
            }
            return new RunObservation(
                    Phase.Pending, Reason.Creating, "creating the trainer Job", null, null, 0, progress);
        }
        JobStatus status =
                job.get().getStatus() == null ? new JobStatus() : job.get().getStatus();
        List<Pod> newestFirst = pods.stream()
                .sorted(Comparator.comparing(
                                (Pod p) -> p.getMetadata().getCreationTimestamp(),
                                Comparator.nullsFirst(Comparator.naturalOrder()))
                        .reversed())
                .toList();
        List<Pod> failed =
                newestFirst.stream().filter(p -> "Failed".equals(phase(p))).toList();
        int restarts = Math.max(orZero(status.getFailed()), failed.size());
        State state = state(run, job.get(), status, newestFirst, failed, progress.report());
        String completion = state.phase == Phase.Succeeded
                ? status.getCompletionTime()
                : state.phase == Phase.Failed ? state.since : null;
        return new RunObservation(
                state.phase, state.reason, state.message, status.getStartTime(), completion, restarts, progress);
    }

    private record State(Phase phase, Reason reason, String message, String since) {
        State(Phase phase, Reason reason, String message) {
            this(phase, reason, message, null);
        }
    }

    private static State state(
            TrainingRun run,
            Job job,
            JobStatus status,
            List<Pod> newestFirst,
            List<Pod> failed,
            Optional<ProgressReport> progress) {
        Optional<JobCondition> complete = trueCondition(status, "Complete");
        if (complete.isPresent()) {
            String since = complete.get().getLastTransitionTime();
            return stoppedForRewardHacking(progress)
                    .map(report -> new State(Phase.Failed, Reason.RewardHacking, orEmpty(report.message()), since))
                    .orElseGet(() -> new State(Phase.Succeeded, Reason.Completed, "the trainer finished", since));
        }
        Optional<JobCondition> jobFailed = trueCondition(status, "Failed");
        if (jobFailed.isPresent()) {
            return failure(jobFailed.get(), failed.stream().findFirst());
        }
        if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
            return run.getSpec().suspended()
                    ? new State(Phase.Suspended, Reason.Suspended, "spec.suspend is true; the Job has no pod")
                    : new State(Phase.Pending, Reason.Queued, "the Job is suspended until Kueue admits it");
        }
        String afterFailure = failed.stream()
                .findFirst()
                .map(TrainingRunObserver::replacementNote)
                .orElse("");
        Optional<Pod> current =
                newestFirst.stream().filter(TrainingRunObserver::notFinished).findFirst();
        if (current.isEmpty()) {
            return new State(Phase.Pending, Reason.Starting, "waiting for the trainer pod" + afterFailure);
        }
        Pod pod = current.get();
        Optional<ContainerStateWaiting> waiting =
                trainerStatus(pod).map(ContainerStatus::getState).map(ContainerState::getWaiting);
        if (waiting.isPresent()
                && waiting.get().getReason() != null
                && !NORMAL_WAITING.contains(waiting.get().getReason())) {
            return waiting(waiting.get());
        }
        Optional<PodCondition> unschedulable = podConditions(pod).stream()
                .filter(c -> "PodScheduled".equals(c.getType())
                        && "False".equals(c.getStatus())
                        && POD_UNSCHEDULABLE.equals(c.getReason()))
                .findFirst();
        if (unschedulable.isPresent()) {
            return new State(
                    Phase.Pending,
                    Reason.Unschedulable,
                    orEmpty(unschedulable.get().getMessage()));
        }
        if ("Running".equals(phase(pod))) {
            return new State(
                    Phase.Running,
                    Reason.TrainerRunning,
                    "pod " + pod.getMetadata().getName() + " is training" + afterFailure);
        }
        return new State(
                Phase.Pending, Reason.Starting, "pod " + pod.getMetadata().getName() + " is starting" + afterFailure);
    }

    /**
     * With train.stop_on_hacking the trainer checkpoints and exits 0 when its watch fires, so the Job
     * completes; only its last report tells that it stopped early, and why.
     */
    private static Optional<ProgressReport> stoppedForRewardHacking(Optional<ProgressReport> progress) {
        return progress.filter(
                report -> STOPPED_EARLY.equals(report.state()) && Boolean.TRUE.equals(report.rewardHacking()));
    }

    /**
     * The Job says BackoffLimitExceeded or PodFailurePolicy; the last failed pod usually knows
     * better (OOMKilled, or {@link ExitCodes#INVALID_INPUT} for a config the trainer refused), and
     * its termination message says what the trainer found wrong.
     */
    private static State failure(JobCondition condition, Optional<Pod> lastFailed) {
        Optional<ContainerStateTerminated> terminated = lastFailed.flatMap(TrainingRunObserver::trainerTermination);
        Reason reason = named(condition.getReason(), JOB_FAILURES).orElse(Reason.JobFailed);
        if (terminated.isPresent() && OOM_KILLED.equals(terminated.get().getReason())) {
            reason = Reason.OOMKilled;
        } else if (terminated.isPresent()
                && Integer.valueOf(ExitCodes.INVALID_INPUT)
                        .equals(terminated.get().getExitCode())
                && reason != Reason.DeadlineExceeded) {
            reason = Reason.InvalidConfig;
        }
        String message = orEmpty(condition.getMessage());
        String trainerMessage = terminated
                .map(ContainerStateTerminated::getMessage)
                .map(String::strip)
                .orElse("");
        if (!trainerMessage.isEmpty()) {
            message = message.isEmpty() ? "trainer: " + trainerMessage : message + "; trainer: " + trainerMessage;
        }
        return new State(Phase.Failed, reason, message, condition.getLastTransitionTime());
    }

    /** A trainer container the kubelet holds back; a reason of its own we do not know is kept in the message. */
    private static State waiting(ContainerStateWaiting waiting) {
        if (IMAGE_PULL_FAILURES.contains(waiting.getReason())) {
            return new State(Phase.Pending, Reason.ImagePullBackOff, orEmpty(waiting.getMessage()));
        }
        return named(waiting.getReason(), CONTAINER_WAITING)
                .map(reason -> new State(Phase.Pending, reason, orEmpty(waiting.getMessage())))
                .orElseGet(() -> new State(
                        Phase.Pending,
                        Reason.ContainerWaiting,
                        waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage())));
    }

    /** The reason among {@code known} that Kubernetes calls by the same word. */
    private static Optional<Reason> named(String word, Set<Reason> known) {
        return known.stream().filter(reason -> reason.name().equals(word)).findFirst();
    }

    private static String replacementNote(Pod failed) {
        String why = trainerTermination(failed)
                .map(t -> t.getReason() != null ? t.getReason() : "exit code " + t.getExitCode())
                .orElse(
                        failed.getStatus().getReason() != null
                                ? failed.getStatus().getReason()
                                : "failure");
        return "; resumed from the last checkpoint after pod "
                + failed.getMetadata().getName() + " ended (" + why + ")";
    }

    private static Optional<ContainerStateTerminated> trainerTermination(Pod pod) {
        return trainerStatus(pod)
                .flatMap(s -> Optional.ofNullable(s.getState())
                        .map(ContainerState::getTerminated)
                        .or(() -> Optional.ofNullable(s.getLastState()).map(ContainerState::getTerminated)));
    }

    private static Optional<ContainerStatus> trainerStatus(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(s -> TrainerJobs.CONTAINER.equals(s.getName()))
                .findFirst();
    }

    private static List<PodCondition> podConditions(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getConditions() == null
                ? List.of()
                : pod.getStatus().getConditions();
    }

    private static boolean notFinished(Pod pod) {
        return TrainerPods.mayStillWrite(pod) && pod.getMetadata().getDeletionTimestamp() == null;
    }

    private static String phase(Pod pod) {
        return pod.getStatus() == null ? null : pod.getStatus().getPhase();
    }

    private static Optional<JobCondition> trueCondition(JobStatus status, String type) {
        return status.getConditions() == null
                ? Optional.empty()
                : status.getConditions().stream()
                        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                        .findFirst();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
