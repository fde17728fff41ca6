package io.pixelpolish.operator.status;

import io.pixelpolish.contract.ProgressReading;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.status.EventRecorder.Reason;

/**
 * What the cluster says about a run, reduced to what its status shows: the observer's output and
 * {@link TrainingRunStatuses}' input, here so that the observer, which needs this package's reasons,
 * is the only one of the two packages that depends on the other.
 *
 * @param reason why the run is in its phase, e.g. Unschedulable, OOMKilled, DeadlineExceeded
 * @param restarts trainer pods that failed or were evicted and replaced
 * @param progress the trainer's last report, as far as it passed the checks
 */
public record RunObservation(
        Phase phase,
        Reason reason,
        String message,
        String startTime,
        String completionTime,
        int restarts,
        ProgressReading progress) {}
