package io.pixelpolish.contract.mlflow;

import io.pixelpolish.config.ConfigException;
import io.pixelpolish.config.ConfigValidator;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.TrainerEnvironment;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * Where and as whom a run is recorded in MLflow. The server comes from {@code tracking.mlflow_uri}
 * or else {@code MLFLOW_TRACKING_URI}; credentials come only from the environment (in a pod: the
 * TrainingRun's Secret), so they reach neither config.yaml, params nor logs. {@link #toString()}
 * leaves them out.
 */
public final class MlflowSettings {
    public static final String URI_ENV = TrainerEnvironment.MLFLOW_TRACKING_URI;
    public static final String TOKEN_ENV = TrainerEnvironment.MLFLOW_TRACKING_TOKEN;
    public static final String USERNAME_ENV = TrainerEnvironment.MLFLOW_TRACKING_USERNAME;
    public static final String PASSWORD_ENV = TrainerEnvironment.MLFLOW_TRACKING_PASSWORD;

    private final URI trackingUri;
    private final String experiment;
    private final Duration flushTimeout;
    private final BasicMlflowHostCreds creds;

    public MlflowSettings(URI trackingUri, String experiment, Duration flushTimeout, Map<String, String> env) {
        this.trackingUri = trackingUri;
        this.experiment = experiment;
        this.flushTimeout = flushTimeout;
        String host = trackingUri.toString().replaceAll("/+$", "");
        this.creds = new BasicMlflowHostCreds(
                host,
                blankToNull(env.get(USERNAME_ENV)),
                blankToNull(env.get(PASSWORD_ENV)),
                blankToNull(env.get(TOKEN_ENV)),
                false);
    }

    /**
     * The settings a run asks for, or empty when neither the config nor the environment names a
     * server (the run folder alone then records the run).
     *
     * @throws ConfigException when {@code MLFLOW_TRACKING_URI} is not an http(s) server address
     */
    public static Optional<MlflowSettings> resolve(PixelPolishConfig.Tracking tracking, Map<String, String> env) {
        String fromConfig = tracking.mlflowUri();
        String uri = fromConfig.isEmpty() ? env.getOrDefault(URI_ENV, "").trim() : fromConfig;
        if (uri.isEmpty()) {
            return Optional.empty();
        }
        ConfigValidator.trackingUriProblem(uri).ifPresent(problem -> {
            throw new ConfigException(
                    fromConfig.isEmpty() ? "environment variable " + URI_ENV : "tracking.mlflow_uri", problem);
        });
        return Optional.of(new MlflowSettings(
                URI.create(uri), tracking.experiment(), Duration.ofSeconds(tracking.flushTimeoutS()), env));
    }

    public URI trackingUri() {
        return trackingUri;
    }

    public String experiment() {
        return experiment;
    }

    public Duration flushTimeout() {
        return flushTimeout;
    }

    /** Host and credentials, as the MLflow Java client takes them. */
    public BasicMlflowHostCreds hostCreds() {
        return creds;
    }

    public MlflowClient newClient() {
        return new MlflowClient(creds);
    }

    /**
     * The id of the experiment, creating it when missing (tagged as a model-training experiment, see
     * {@link MlflowTags#EXPERIMENT_KIND}); when another run created it in the meantime, that one is used.
     */
    public String experimentId(MlflowClient client) {
        return client.getExperimentByName(experiment)
                .map(Service.Experiment::getExperimentId)
                .orElseGet(() -> {
                    try {
                        return client.createExperiment(Service.CreateExperiment.newBuilder()
                                .setName(experiment)
                                .addTags(Service.ExperimentTag.newBuilder()
                                        .setKey(MlflowTags.EXPERIMENT_KIND)
                                        .setValue(MlflowTags.EXPERIMENT_KIND_TRAINING))
                                .build());
                    } catch (MlflowHttpException e) {
                        return client.getExperimentByName(experiment)
                                .map(Service.Experiment::getExperimentId)
                                .orElseThrow(() -> e);
                    }
                });
    }

    /** The run's page in the MLflow UI. */
    public String runUrl(String experimentId, String runId) {
        return creds.getHost() + "/#/experiments/" + experimentId + "/runs/" + runId;
    }

    @Override
    public String toString() {
        String auth = creds.getToken() != null
                ? "token"
                : creds.getUsername() != null ? "user " + creds.getUsername() : "no credentials";
        return trackingUri + " (experiment " + experiment + ", " + auth + ")";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
