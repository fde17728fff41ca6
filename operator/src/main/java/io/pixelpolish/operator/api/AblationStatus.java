package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** The sweep as the operator last saw it; written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AblationStatus(
        @JsonPropertyDescription("Pending, Running, Succeeded, Failed or Suspended.")
        Phase phase,

        @JsonPropertyDescription(
                "Conditions SpecValid, Running, Suspended, Complete and Failed, and ReconcileError while the"
                        + " operator's last attempt failed; reason and message say why, e.g. FailureBudgetExceeded.")
        List<Condition> conditions,

        @JsonPropertyDescription("The metadata.generation this status describes.")
        Long observedGeneration,

        @JsonPropertyDescription("Finished TrainingRuns of all, e.g. 3/8.")
        String progress,

        @JsonPropertyDescription("TrainingRuns by state.") ArmCounts counts,

        @JsonPropertyDescription("The objective the arms are ranked by, its defaults resolved.")
        Objective objective,

        @JsonPropertyDescription("One row per TrainingRun of the sweep, in expansion order.")
        List<ArmStatus> arms,

        @JsonPropertyDescription(
                "The arm whose succeeded runs have the best mean objective value; stopped and failed runs"
                        + " do not count.")
        BestArm bestArm,

        @JsonPropertyDescription(
                "The MLflow parent run of the sweep, when its template records to MLflow; unset while MLflow"
                        + " cannot be reached (the sweep runs anyway).")
        SweepMlflowRun mlflowParentRun)
        implements PhasedStatus {

    public AblationStatus withMlflowParentRun(SweepMlflowRun run) {
        return new AblationStatus(
                phase, conditions, observedGeneration, progress, counts, objective, arms, bestArm, run);
    }
}
