package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.OptionalDouble;

/** What the operator observed of a run; written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingRunStatus(
        @JsonPropertyDescription("Pending, Running, Succeeded, Failed or Suspended.")
        Phase phase,

        @JsonPropertyDescription(
                "Conditions ConfigValid, Running, Suspended, Complete and Failed, RewardHacking once the trainer"
                        + " watches for it, ProgressValid once it reports (False: what of its report was dropped),"
                        + " and ReconcileError while the operator's last attempt failed; reason and message say"
                        + " why, e.g. InvalidConfig, NotAllowed, NotOwned, PreviousPodRunning, ImagePullBackOff,"
                        + " Unschedulable, OOMKilled, BackoffLimitExceeded, DeadlineExceeded, RewardHacking.")
        List<Condition> conditions,

        @JsonPropertyDescription("The metadata.generation this status describes.")
        Long observedGeneration,

        @JsonPropertyDescription("Name of the Job running the trainer.")
        String jobName,

        @JsonPropertyDescription("When the Job started (RFC 3339).")
        String startTime,

        @JsonPropertyDescription("When the run succeeded or failed (RFC 3339).")
        String completionTime,

        @JsonPropertyDescription(
                "Trainer pods that failed or were evicted and replaced; each replacement resumed from the"
                        + " last checkpoint.")
        Integer restarts,

        @JsonPropertyDescription("Training progress as last reported by the trainer.")
        RunProgress progress,

        @JsonPropertyDescription("Rewards of the last reported update.")
        RunMetrics lastMetrics,

        @JsonPropertyDescription("Validation measures (spec.validation) as last reported by the trainer.")
        RunValidation validation,

        @JsonPropertyDescription("Newest checkpoint, relative to the run folder.")
        String lastCheckpoint,

        @JsonPropertyDescription("The MLflow run, once the trainer has created it.")
        MlflowRun mlflow)
        implements PhasedStatus {

    /**
     * The value of an objective's metric: a validation key from {@link #validation} (latest or best),
     * a training reward metric from {@link #lastMetrics}, which has only the latest.
     */
    public OptionalDouble metric(String key, Objective.Aggregation aggregation) {
        if (Objective.isValidationKey(key)) {
            return validation == null ? OptionalDouble.empty() : validation.value(key, aggregation);
        }
        return lastMetrics == null ? OptionalDouble.empty() : lastMetrics.value(key);
    }
}
