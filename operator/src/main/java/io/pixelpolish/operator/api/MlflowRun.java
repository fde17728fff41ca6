package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The MLflow run a trainer records to. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MlflowRun(
        @JsonPropertyDescription("MLflow run id.") String runId,

        @JsonPropertyDescription("Link to the run in the MLflow UI.")
        String runUrl) {}
