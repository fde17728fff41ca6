package io.pixelpolish.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.pixelpolish.contract.ProgressReading;
import io.pixelpolish.contract.ProgressReport;
import io.pixelpolish.operator.api.MlflowRun;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.RunMetrics;
import io.pixelpolish.operator.api.RunProgress;
import io.pixelpolish.operator.api.RunValidation;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunStatus;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import java.time.Instant;
import java.util.List;

/** Turns what was observed of a run into its status; pure, so each mapping is unit-tested. */
public final class TrainingRunStatuses {
    private TrainingRunStatuses() {}

    public static TrainingRunStatus observed(TrainingRun run, String jobName, RunObservation observation, Instant now) {
        ProgressReading reading = observation.progress();
        Conditions conditions = Conditions.after(
                        previousConditions(run), run.getMetadata().getGeneration(), now)
                .set(Conditions.CONFIG_VALID, true, Reason.ConfigMerged, "")
                .setPhase(observation.phase(), observation.reason(), observation.message());
        progressValid(conditions, reading);
        ProgressReport report = reading.report().orElse(null);
        rewardHacking(conditions, report);
        // A refused report is no news of the run: what the trainer reported before stays.
        TrainingRunStatus reported = reading.refused() && run.getStatus() != null ? run.getStatus() : reported(report);
        return new TrainingRunStatus(
                observation.phase(),
                conditions.list(),
                run.getMetadata().getGeneration(),
                jobName,
                observation.startTime(),
                observation.completionTime(),
                observation.restarts(),
                reported.progress(),
                reported.lastMetrics(),
                reported.validation(),
                reported.lastCheckpoint(),
                reported.mlflow());
    }

    /** The fields of a status that come from the trainer's report, the others unset. */
    private static TrainingRunStatus reported(ProgressReport report) {
        if (report == null) {
            return withConditions(null, null);
        }
        return new TrainingRunStatus(
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                progress(report),
                metrics(report),
                report.validation() == null
                        ? null
                        : new RunValidation(report.validationUpdate(), report.validation(), report.validationBest()),
                report.lastCheckpoint(),
                report.mlflowRunId() == null ? null : new MlflowRun(report.mlflowRunId(), report.mlflowRunUrl()));
    }

    /** True once a report was taken as it was, False with what was dropped; absent until the trainer reports. */
    private static void progressValid(Conditions conditions, ProgressReading reading) {
        if (reading.report().isEmpty() && reading.problems().isEmpty()) {
            conditions.keep(Conditions.PROGRESS_VALID);
        } else if (reading.problems().isEmpty()) {
            conditions.set(Conditions.PROGRESS_VALID, true, Reason.ProgressAccepted, "");
        } else {
            conditions.set(
                    Conditions.PROGRESS_VALID, false, Reason.ProgressRefused, String.join("; ", reading.problems()));
        }
    }

    /**
     * True while the last report says the watch fired, with what it saw; False once it no longer
     * fires, saying when it last did. A report without the flag (a pod that has not trained an
     * update yet) leaves the condition as it was, so a resumed run does not forget it.
     */
    private static void rewardHacking(Conditions conditions, ProgressReport report) {
        if (report == null || report.rewardHacking() == null) {
            conditions.keep(Conditions.REWARD_HACKING);
            return;
        }
        String seen = report.rewardHackingReason();
        if (report.rewardHacking()) {
            conditions.set(
                    Conditions.REWARD_HACKING,
                    true,
                    Reason.RewardHacking,
                    seen != null ? seen : "reward hacking suspected at update " + report.update());
        } else {
            conditions.set(
                    Conditions.REWARD_HACKING,
                    false,
                    Reason.NoRewardHacking,
                    seen == null ? "" : "last suspected at " + seen);
        }
    }

    private static RunMetrics metrics(ProgressReport report) {
        if (report.rewardMean() == null
                && report.rewards() == null
                && report.greedyReward() == null
                && report.rewardHacking() == null) {
            return null;
        }
        return new RunMetrics(report.rewardMean(), report.rewards(), report.greedyReward(), report.rewardHacking());
    }

    /** No Job: the config is invalid (Failed, for good) or its ConfigMap is missing (Pending). */
    public static TrainingRunStatus configProblem(
            TrainingRun run, Phase phase, Reason reason, String message, Instant now) {
        Conditions conditions = Conditions.after(
                        previousConditions(run), run.getMetadata().getGeneration(), now)
                .set(Conditions.CONFIG_VALID, false, reason, message)
                .setPhase(phase, reason, message);
        return new TrainingRunStatus(
                phase,
                conditions.list(),
                run.getMetadata().getGeneration(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** For {@link StatusRecorder#recordError}: {@code status}, or an empty one, with these conditions. */
    public static TrainingRunStatus withConditions(TrainingRunStatus status, List<Condition> conditions) {
        if (status == null) {
            return new TrainingRunStatus(null, conditions, null, null, null, null, null, null, null, null, null, null);
        }
        return new TrainingRunStatus(
                status.phase(),
                conditions,
                status.observedGeneration(),
                status.jobName(),
                status.startTime(),
                status.completionTime(),
                status.restarts(),
                status.progress(),
                status.lastMetrics(),
                status.validation(),
                status.lastCheckpoint(),
                status.mlflow());
    }

    private static RunProgress progress(ProgressReport report) {
        Double percent = report.percent();
        if (percent == null && report.update() != null && report.totalUpdates() != null && report.totalUpdates() > 0) {
            percent = 100.0 * report.update() / report.totalUpdates();
        }
        return new RunProgress(
                report.update(),
                report.totalUpdates(),
                percent == null ? null : Math.round(percent * 10) / 10.0,
                report.elapsedSeconds(),
                report.etaSeconds(),
                report.imagesPerSecond(),
                report.time());
    }

    private static List<Condition> previousConditions(TrainingRun run) {
        return run.getStatus() == null ? null : run.getStatus().conditions();
    }
}
