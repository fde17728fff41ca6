package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;

/** One TrainingRun of a sweep. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArmStatus(
        @JsonPropertyDescription("Arm name: the named arm and grid point; repeats of an arm share it.")
        String name,

        @JsonPropertyDescription("Repeat index, 0-based.") int repeat,
        @JsonPropertyDescription("Config seed of this run.") long seed,

        @JsonPropertyDescription("The config keys this arm sets, as YAML values.")
        Map<String, String> parameters,

        @JsonPropertyDescription("Name of the TrainingRun.") String trainingRun,

        @JsonPropertyDescription("Pending, Running, Suspended, Succeeded, Failed or Stopped.")
        ArmPhase phase,

        @JsonPropertyDescription(
                "Value of the objective metric: the latest, or the best so far (objective.aggregation).")
        Double objectiveValue,

        @JsonPropertyDescription("The latest validation measures pooled over every set (val/quality, val/niqe,"
                + " val/brisque, ...), by metric key.")
        Map<String, Double> validation,

        @JsonPropertyDescription(
                "Early-stopping metric recorded when the run first reported earlyStopping.afterUpdates updates"
                        + " (a validation key: its first validation at or after them).")
        Double earlyStoppingValue,

        @JsonPropertyDescription("The update earlyStoppingValue was taken at.")
        Integer earlyStoppingUpdate,

        @JsonPropertyDescription("Why the run failed or was stopped.")
        String message) {}
