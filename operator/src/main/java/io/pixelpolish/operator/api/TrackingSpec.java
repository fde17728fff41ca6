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

        @JsonPropertyDescription("Secret with the MLflow credentials: only its keys MLFLOW_TRACKING_TOKEN,"
                + " MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD become environment variables of the"
                + " trainer. Unset: the operator's default Secret, but only for a run that records to the"
                + " operator's default MLflow server (names no mlflowTrackingUri of its own).")
        SecretRef credentialsSecretRef) {

    /**
     * This run's settings, each missing one taken from {@code defaults} (the operator's own), except
     * that the default credentials go only to the default server: a run that chose its own URI
     * would otherwise receive them there.
     */
    public static TrackingSpec merged(TrackingSpec run, TrackingSpec defaults) {
        boolean defaultServer = usesDefaultServer(run, defaults);
        if (run == null) {
            return defaultServer ? defaults : new TrackingSpec(null, defaults.experimentName(), null);
        }
        return new TrackingSpec(
                run.mlflowTrackingUri() != null ? run.mlflowTrackingUri() : defaults.mlflowTrackingUri(),
                run.experimentName() != null ? run.experimentName() : defaults.experimentName(),
                run.credentialsSecretRef() != null || !defaultServer
                        ? run.credentialsSecretRef()
                        : defaults.credentialsSecretRef());
    }

    /**
     * Whether the run records to the operator's default server: there is one and the run names no
     * other. Its URI is then the last word on tracking.mlflow_uri, over anything the config sets, so
     * the default credentials reach nothing else.
     */
    public static boolean usesDefaultServer(TrackingSpec run, TrackingSpec defaults) {
        return defaults.mlflowTrackingUri() != null && (run == null || run.mlflowTrackingUri() == null);
    }

    /** Whether the run names a Secret of its own, rather than leaving it to the operator. */
    public boolean namesSecret() {
        return credentialsSecretRef != null;
    }
}
