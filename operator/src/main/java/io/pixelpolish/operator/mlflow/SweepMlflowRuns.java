package io.pixelpolish.operator.mlflow;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pixelpolish.contract.TrainerEnvironment;
import io.pixelpolish.contract.mlflow.MlflowSettings;
import io.pixelpolish.contract.mlflow.MlflowTags;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.AblationStatus;
import io.pixelpolish.operator.api.ArmSpec;
import io.pixelpolish.operator.api.BestArm;
import io.pixelpolish.operator.api.Objective;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.SweepMlflowRun;
import io.pixelpolish.operator.api.TrackingSpec;
import io.pixelpolish.operator.config.EffectiveConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.mlflow.api.proto.Service;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;

/**
 * The MLflow side of an Ablation: one parent run, which every TrainingRun of the sweep records
 * under as a child so the MLflow UI shows the sweep as one group, and, when the sweep ends, the
 * best arm, its objective value and the table of every run's results on that run. The MLflow
 * client has no timeouts of its own, so each call runs on a worker thread and is abandoned after
 * {@code callLimit}: a slow or absent MLflow never holds a reconcile up, and what failed is tried
 * again on a later reconcile.
 */
public class SweepMlflowRuns {
    /** Tag that finds the parent run of an Ablation again, should its id not have reached the status. */
    static final String ABLATION_UID_TAG = MlflowTags.ABLATION_UID;

    private static final Logger LOG = Logger.getLogger(SweepMlflowRuns.class);
    /** Artifact roots the tracking server serves itself, under {@link #ARTIFACT_API}. */
    private static final String PROXIED_ARTIFACTS = "mlflow-artifacts";

    private static final String ARTIFACT_API = "/api/2.0/mlflow-artifacts/artifacts/";

    private final KubernetesClient client;
    private final Duration callLimit;
    private final TrackingSpec trackingDefaults;
    private final Map<String, String> operatorCredentials;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ExecutorService calls = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "mlflow-call");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param operatorCredentials the MLFLOW_TRACKING_* variables of the operator's own environment,
     *     for the default server
     */
    public SweepMlflowRuns(
            KubernetesClient client,
            Duration callLimit,
            TrackingSpec trackingDefaults,
            Map<String, String> operatorCredentials) {
        this.trackingDefaults = trackingDefaults;
        this.operatorCredentials = Map.copyOf(operatorCredentials);
        this.client = client;
        this.callLimit = callLimit;
    }

    /**
     * Where the sweep's runs record to: the template's effective config (computed with the trainer's
     * own code) and the credentials of its Secret. Empty when the template does not use MLflow or
     * its config cannot be composed (its runs then fail on their own, with the reason).
     */
    public Optional<MlflowSettings> settings(Ablation ablation) {
        String namespace = ablation.getMetadata().getNamespace();
        EffectiveConfigs.Outcome outcome =
                EffectiveConfigs.compose(ablation.getSpec().template(), trackingDefaults, client, namespace);
        if (!(outcome instanceof EffectiveConfigs.Outcome.Composed composed)) {
            return Optional.empty();
        }
        try {
            return MlflowSettings.resolve(composed.config().config().tracking(), credentials(ablation));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Ablation %s/%s: no MLflow parent run: %s",
                    namespace, ablation.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Who the operator is to the sweep's MLflow server: to the default server, itself (the
     * credentials of its own environment); to a server the template chose, only what the
     * template's own Secret holds, never the default credentials. Only the MLFLOW_TRACKING_* keys of
     * that Secret are read; reading it needs get on it in the sweep's namespace, which the default
     * install does not grant.
     */
    private Map<String, String> credentials(Ablation ablation) {
        TrackingSpec own = ablation.getSpec().template().tracking();
        if (TrackingSpec.usesDefaultServer(own, trackingDefaults)) {
            return operatorCredentials;
        }
        if (own == null || !own.namesSecret()) {
            return Map.of();
        }
        Secret secret = client.secrets()
                .inNamespace(ablation.getMetadata().getNamespace())
                .withName(own.credentialsSecretRef().name())
                .get();
        Map<String, String> env = new HashMap<>();
        for (String key : TrainerEnvironment.MLFLOW_CREDENTIALS) {
            if (secret != null && secret.getData() != null && secret.getData().containsKey(key)) {
                env.put(
                        key,
                        new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
            } else if (secret != null
                    && secret.getStringData() != null
                    && secret.getStringData().containsKey(key)) {
                env.put(key, secret.getStringData().get(key));
            }
        }
        return env;
    }

    /**
     * Finds the Ablation's parent run (by its uid tag) or creates it, with the sweep's definition as
     * params; empty when MLflow cannot be reached in time.
     */
    public Optional<SweepMlflowRun> openParent(Ablation ablation, MlflowSettings settings) {
        String uid = ablation.getMetadata().getUid();
        return call(ablation, "creating the parent run", settings, mlflow -> {
            String experimentId = settings.experimentId(mlflow);
            String runId =
                    mlflow.searchRuns(List.of(experimentId), "tags." + ABLATION_UID_TAG + " = '" + uid + "'").stream()
                            .findFirst()
                            .map(Service.RunInfo::getRunId)
                            .orElseGet(() -> createParent(mlflow, experimentId, ablation));
            return new SweepMlflowRun(runId, settings.runUrl(experimentId, runId), false);
        });
    }

    private static String createParent(MlflowClient mlflow, String experimentId, Ablation ablation) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MlflowTags.RUN_NAME, ablation.getMetadata().getName());
        tags.put(MlflowTags.SOURCE_TYPE, MlflowTags.SOURCE_TYPE_JOB);
        tags.put(MlflowTags.SOURCE_NAME, "pixelpolish operator");
        tags.put(MlflowTags.NAMESPACE, ablation.getMetadata().getNamespace());
        tags.put(MlflowTags.ABLATION, ablation.getMetadata().getName());
        tags.put(ABLATION_UID_TAG, ablation.getMetadata().getUid());
        Service.CreateRun.Builder request = Service.CreateRun.newBuilder()
                .setExperimentId(experimentId)
                .setRunName(ablation.getMetadata().getName())
                .setStartTime(System.currentTimeMillis());
        tags.forEach((key, value) ->
                request.addTags(Service.RunTag.newBuilder().setKey(key).setValue(value)));
        String runId = mlflow.createRun(request.build()).getRunId();
        List<Service.Param> params = sweepParams(ablation.getSpec()).entrySet().stream()
                .map(e -> Service.Param.newBuilder()
                        .setKey(e.getKey())
                        .setValue(e.getValue())
                        .build())
                .toList();
        mlflow.logBatch(runId, List.of(), params, List.of());
        return runId;
    }

    /** What the sweep compares, as params of the parent run. */
    static Map<String, String> sweepParams(AblationSpec spec) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put(
                "sweep.arms",
                String.join(",", spec.namedArms().stream().map(ArmSpec::name).toList()));
        spec.gridParameters()
                .forEach(p -> params.put("sweep.grid." + p.path(), p.values().toString()));
        params.put("sweep.repeats", Integer.toString(spec.effectiveRepeats()));
        Objective objective = spec.effectiveObjective();
        params.put(
                "sweep.objective", objective.goal() + " " + objective.metric() + " (" + objective.aggregation() + ")");
        return params;
    }

    /**
     * Records the ended sweep on its parent run (best arm, its mean objective value as metric
     * {@code best/<metric>}, the outcome, the table of every run's results as artifact {@value
     * SweepTable#ARTIFACT}) and ends the run FINISHED, or FAILED when the sweep failed.
     *
     * @return whether MLflow took it all; if not, the caller tries again later
     */
    public boolean close(Ablation ablation, SweepMlflowRun parent, AblationStatus status, MlflowSettings settings) {
        String metric = ablation.getSpec().effectiveObjective().metric();
        BestArm best = status.bestArm();
        List<Service.RunTag> tags = List.of(
                tag(MlflowTags.BEST_ARM, best == null ? "none" : best.name()),
                tag(MlflowTags.BEST_ARM_RUNS, best == null ? "" : String.join(",", best.trainingRuns())),
                tag(MlflowTags.SWEEP_RESULT, status.phase() + ": " + status.progress() + " runs done"),
                tag(SweepTable.LOGGED_ARTIFACTS_TAG, SweepTable.loggedArtifacts()));
        // The Ablation's creation time as timestamp: sent again after a lost answer, the metric is the same one.
        long timestamp = OffsetDateTime.parse(ablation.getMetadata().getCreationTimestamp())
                .toInstant()
                .toEpochMilli();
        List<Service.Metric> metrics = best == null
                ? List.of()
                : List.of(Service.Metric.newBuilder()
                        .setKey("best/" + metric)
                        .setValue(best.objectiveValue())
                        .setStep(0)
                        .setTimestamp(timestamp)
                        .build());
        Service.RunStatus end =
                status.phase() == Phase.Succeeded ? Service.RunStatus.FINISHED : Service.RunStatus.FAILED;
        return call(ablation, "recording the sweep's result", settings, mlflow -> {
                    upload(
                            settings,
                            mlflow.getRun(parent.runId()).getInfo().getArtifactUri(),
                            SweepTable.ARTIFACT,
                            SweepTable.json(status));
                    mlflow.logBatch(parent.runId(), metrics, List.of(), tags);
                    mlflow.setTerminated(parent.runId(), end, System.currentTimeMillis());
                    return true;
                })
                .isPresent();
    }

    /**
     * Puts {@code text} as the artifact {@code name} through the tracking server's artifact proxy,
     * the only way that needs neither the Python MLflow CLI nor credentials of the artifact store;
     * a run whose artifacts the server does not serve gets no table, which is logged, not retried.
     */
    private void upload(MlflowSettings settings, String artifactUri, String name, String text) {
        URI root = URI.create(artifactUri);
        if (!PROXIED_ARTIFACTS.equals(root.getScheme()) || root.getRawAuthority() != null) {
            LOG.warnf(
                    "MLflow run artifacts at %s are not served by %s: no %s",
                    artifactUri, settings.trackingUri(), name);
            return;
        }
        BasicMlflowHostCreds creds = settings.hostCreds();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        creds.getHost() + ARTIFACT_API + (root.getRawPath() + "/" + name).replaceFirst("^/+", "")))
                .timeout(callLimit)
                .PUT(HttpRequest.BodyPublishers.ofString(text));
        if (creds.getToken() != null) {
            request.header("Authorization", "Bearer " + creds.getToken());
        } else if (creds.getUsername() != null) {
            request.header(
                    "Authorization",
                    "Basic "
                            + Base64.getEncoder()
                                    .encodeToString((creds.getUsername() + ":" + creds.getPassword())
                                            .getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "HTTP " + answer.statusCode() + " uploading " + name + ": " + answer.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("uploading " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted uploading " + name, e);
        }
    }

    private static Service.RunTag tag(String key, String value) {
        return Service.RunTag.newBuilder().setKey(key).setValue(value).build();
    }

    private <T> Optional<T> call(
            Ablation ablation, String what, MlflowSettings settings, Function<MlflowClient, T> work) {
        Future<T> future = calls.submit(() -> {
            try (MlflowClient mlflow = settings.newClient()) {
                return work.apply(mlflow);
            }
        });
        String ablationName = ablation.getMetadata().getNamespace() + "/"
                + ablation.getMetadata().getName();
        try {
            return Optional.of(future.get(callLimit.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            future.cancel(true);
            LOG.warnf(
                    "Ablation %s: MLflow at %s took longer than %s %s; trying again later",
                    ablationName, settings.trackingUri(), callLimit, what);
        } catch (ExecutionException e) {
            LOG.warnf(
                    "Ablation %s: MLflow at %s failed %s (trying again later): %s",
                    ablationName, settings.trackingUri(), what, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }
}
