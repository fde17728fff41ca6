package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where the trainer records the run besides its run folder. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrackingSpec(
        @JsonPropertyDescription("MLflow tracking URI (sets tracking.mlflow_uri), e.g. http://mlflow.mlflow:5000.")
        String mlflowTrackingUri,

        @JsonPropertyDescription("MLflow experiment name (sets tracking.experiment).")
        String experimentName,

        @JsonPropertyDescription("Secret whose keys become environment variables of the trainer, e.g."
                + " MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN.")
        SecretRef credentialsSecretRef) {

    /** This run's settings, each missing one taken from {@code defaults} (the operator's own). */
    public static TrackingSpec merged(TrackingSpec run, TrackingSpec defaults) {
        if (run == null) {
            return defaults;
        }
        return new TrackingSpec(
                run.mlflowTrackingUri() != null ? run.mlflowTrackingUri() : defaults.mlflowTrackingUri(),
                run.experimentName() != null ? run.experimentName() : defaults.experimentName(),
                run.credentialsSecretRef() != null ? run.credentialsSecretRef() : defaults.credentialsSecretRef());
    }
}
