package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The MLflow parent run that groups a sweep's runs in the MLflow UI. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepMlflowRun(
        @JsonPropertyDescription("MLflow run id; every TrainingRun of the sweep records a child run of it.")
        String runId,

        @JsonPropertyDescription("Link to the run in the MLflow UI.")
        String runUrl,

        @JsonPropertyDescription("The sweep's result (best arm, objective) is recorded and the run ended.")
        Boolean closed) {

    public boolean isClosed() {
        return Boolean.TRUE.equals(closed);
    }

    public SweepMlflowRun close() {
        return new SweepMlflowRun(runId, runUrl, true);
    }
}
