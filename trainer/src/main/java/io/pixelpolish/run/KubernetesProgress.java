package io.pixelpolish.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.pixelpolish.contract.ProgressReport;
import io.pixelpolish.contract.TrainerEnvironment;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.train.RunInfo;
import io.pixelpolish.train.RunLinks;
import io.pixelpolish.train.RunTracker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports progress to the run's status ConfigMap when the operator runs the trainer: the operator
 * creates ConfigMap {@code <run>-progress} and a Role that lets this pod patch that one object and
 * nothing else, then copies the {@link ProgressReport} into the TrainingRun's status. Writes are
 * spaced out (the last one always goes through); an unreachable API server is logged and never
 * stops training.
 */
public final class KubernetesProgress implements RunTracker {
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesProgress.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String namespace;
    private final String configMap;
    private final Duration minInterval;
    private final Clock clock;
    private final RunLinks links;
    private int update;
    private int totalUpdates;
    private Double rewardMean;
    private Map<String, Double> rewards;
    private Double greedyReward;
    private Boolean rewardHacking;
    private String rewardHackingReason;
    private Map<String, Double> validation;
    private Integer validationUpdate;
    private final Map<String, Double> validationBest = new LinkedHashMap<>();
    private String lastCheckpoint;
    private Double elapsedSeconds;
    private Double etaSeconds;
    private Double imagesPerSecond;
    private String state;
    private String message;
    private Instant lastWrite = Instant.EPOCH;
    private boolean warned;

    /** @param links copied into every report, so the operator learns e.g. the MLflow run once it exists */
    public KubernetesProgress(
            KubernetesClient client,
            String namespace,
            String configMap,
            Duration minInterval,
            Clock clock,
            RunLinks links) {
        this.client = client;
        this.namespace = namespace;
        this.configMap = configMap;
        this.minInterval = minInterval;
        this.clock = clock;
        this.links = links;
    }

    /** The reporter the pod's environment asks for, if any. */
    public static Optional<RunTracker> fromEnvironment(Map<String, String> env, RunLinks links) {
        String name = env.get(TrainerEnvironment.PROGRESS_CONFIGMAP);
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        String namespace =
                Optional.ofNullable(env.get(TrainerEnvironment.NAMESPACE)).orElse(client.getNamespace());
        return Optional.of(
                new KubernetesProgress(client, namespace, name, Duration.ofSeconds(10), Clock.systemUTC(), links));
    }

    @Override
    public void started(RunInfo info) {
        update = info.startUpdate();
        totalUpdates = info.totalUpdates();
        state = "running";
        write(true);
    }

    @Override
    public void updated(int update, Map<String, Double> metrics) {
        this.update = update;
        rewardMean = metrics.get(Metric.REWARD_MEAN.key());
        rewards = new LinkedHashMap<>();
        metrics.forEach((key, value) -> Metric.rewardTermOf(key).ifPresent(term -> rewards.put(term, value)));
        if (metrics.containsKey(Metric.GREEDY_REWARD.key())) {
            greedyReward = metrics.get(Metric.GREEDY_REWARD.key());
        }
        if (metrics.containsKey(Metric.REWARD_HACKING.key())) {
            rewardHacking = metrics.get(Metric.REWARD_HACKING.key()) > 0;
        }
        Map<String, Double> measured = new LinkedHashMap<>();
        metrics.forEach((key, value) -> Metric.validationMeasureOf(key).ifPresent(measure -> {
            measured.put(key, value);
            Double best = validationBest.get(key);
            if (best == null || measure.goal().better(value, best)) {
                validationBest.put(key, value);
            }
        }));
        if (!measured.isEmpty()) {
            validation = measured;
            validationUpdate = update;
        }
        elapsedSeconds = metrics.getOrDefault(Metric.ELAPSED_SECONDS.key(), 0.0);
        imagesPerSecond = metrics.getOrDefault(Metric.IMAGES_PER_SECOND.key(), 0.0);
        etaSeconds = Math.max(0, totalUpdates - update) * metrics.getOrDefault(Metric.UPDATE_SECONDS.key(), 0.0);
        write(false);
    }

    @Override
    public void rewardHackingSuspected(int update, String reason) {
        rewardHackingReason = "update " + update + ": " + reason;
    }

    @Override
    public void checkpointed(int update, Path file) {
        lastCheckpoint = "checkpoints/" + file.getFileName();
    }

    @Override
    public void finished(Status status, String message) {
        state = status.name().toLowerCase();
        this.message = message;
        if (status == Status.FINISHED) {
            etaSeconds = 0.0;
        }
        write(true);
    }

    @Override
    public void close() {
        client.close();
    }

    private ProgressReport report(Instant now) {
        Map<String, String> known = links.snapshot();
        double percent = totalUpdates == 0 ? 0 : Math.round(1000.0 * update / totalUpdates) / 10.0;
        return new ProgressReport(
                update,
                totalUpdates,
                percent,
                rewardMean,
                rewards,
                greedyReward,
                rewardHacking,
                rewardHackingReason,
                validation,
                validationUpdate,
                validationBest.isEmpty() ? null : new LinkedHashMap<>(validationBest),
                lastCheckpoint,
                elapsedSeconds,
                etaSeconds,
                imagesPerSecond,
                state,
                message,
                known.get(ProgressReport.MLFLOW_RUN_ID),
                known.get(ProgressReport.MLFLOW_RUN_URL),
                now.toString());
    }

    private void write(boolean force) {
        Instant now = clock.instant();
        if (!force && Duration.between(lastWrite, now).compareTo(minInterval) < 0) {
            return;
        }
        try {
            ObjectNode patch = JSON.createObjectNode();
            patch.putObject("data")
                    .put(ProgressReport.CONFIGMAP_KEY, report(now).toJson());
            client.configMaps()
                    .inNamespace(namespace)
                    .withName(configMap)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(patch));
            lastWrite = now;
            warned = false;
        } catch (KubernetesClientException | com.fasterxml.jackson.core.JsonProcessingException e) {
            if (!warned) {
                LOG.warn(
                        "cannot report progress to ConfigMap {}/{} (training goes on): {}",
                        namespace,
                        configMap,
                        e.getMessage());
                warned = true;
            }
        }
    }
}
