package io.pixelpolish.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports progress to the run's status ConfigMap when the operator runs the trainer: the operator
 * creates ConfigMap {@code <run>-progress} and a Role that lets this pod patch that one object and
 * nothing else, then copies {@code progress.json} into the TrainingRun's status. Writes are spaced
 * out (the last one always goes through); an unreachable API server is logged and never stops
 * training.
 */
public final class KubernetesProgress implements RunTracker {
    public static final String CONFIGMAP_ENV = "PIXELPOLISH_PROGRESS_CONFIGMAP";
    public static final String NAMESPACE_ENV = "PIXELPOLISH_NAMESPACE";
    public static final String KEY = "progress.json";
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesProgress.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String namespace;
    private final String configMap;
    private final Duration minInterval;
    private final Clock clock;
    private final RunLinks links;
    private final ObjectNode progress = JSON.createObjectNode();
    private Instant lastWrite = Instant.EPOCH;
    private boolean warned;

    /** @param links copied into every report, so the operator learns e.g. the MLflow run once it exists */
    public KubernetesProgress(KubernetesClient client, String namespace, String configMap, Duration minInterval, Clock clock, RunLinks links) {
        this.client = client;
        this.namespace = namespace;
        this.configMap = configMap;
        this.minInterval = minInterval;
        this.clock = clock;
        this.links = links;
    }

    /** The reporter the pod's environment asks for, if any. */
    public static Optional<RunTracker> fromEnvironment(Map<String, String> env, RunLinks links) {
        String name = env.get(CONFIGMAP_ENV);
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        String namespace = Optional.ofNullable(env.get(NAMESPACE_ENV)).orElse(client.getNamespace());
        return Optional.of(new KubernetesProgress(client, namespace, name, Duration.ofSeconds(10), Clock.systemUTC(), links));
    }

    @Override
    public void started(RunInfo info) {
        progress.put("update", info.startUpdate());
        progress.put("total_updates", info.totalUpdates());
        progress.put("percent", percent(info.startUpdate(), info.totalUpdates()));
        progress.put("state", "running");
        write(true);
    }

    @Override
    public void updated(int update, Map<String, Double> metrics) {
        int total = progress.path("total_updates").asInt();
        double elapsed = metrics.getOrDefault("elapsed_s", 0.0);
        double perUpdate = metrics.getOrDefault("update_s", 0.0);
        progress.put("update", update);
        progress.put("percent", percent(update, total));
        ObjectNode rewards = JSON.createObjectNode();
        metrics.forEach((key, value) -> {
            if (key.startsWith("reward_") && !key.equals("reward_mean")) {
                rewards.put(key.substring("reward_".length()), value);
            }
        });
        progress.put("reward_mean", metrics.get("reward_mean"));
        progress.set("rewards", rewards);
        if (metrics.containsKey("greedy_reward")) {
            progress.put("greedy_reward", metrics.get("greedy_reward"));
        }
        if (metrics.containsKey("reward_hacking")) {
            progress.put("reward_hacking", metrics.get("reward_hacking") > 0);
        }
        progress.put("elapsed_s", elapsed);
        progress.put("images_per_s", metrics.getOrDefault("images_per_s", 0.0));
        progress.put("eta_s", Math.max(0, total - update) * perUpdate);
        write(false);
    }

    @Override
    public void checkpointed(int update, Path file) {
        progress.put("last_checkpoint", "checkpoints/" + file.getFileName());
    }

    @Override
    public void finished(Status status, String message) {
        progress.put("state", status.name().toLowerCase());
        progress.put("message", message);
        if (status == Status.FINISHED) {
            progress.put("eta_s", 0.0);
        }
        write(true);
    }

    @Override
    public void close() {
        client.close();
    }

    private static double percent(int update, int total) {
        return total == 0 ? 0 : Math.round(1000.0 * update / total) / 10.0;
    }

    private void write(boolean force) {
        Instant now = clock.instant();
        if (!force && Duration.between(lastWrite, now).compareTo(minInterval) < 0) {
            return;
        }
        progress.put("time", now.toString());
        links.snapshot().forEach(progress::put);
        try {
            ObjectNode patch = JSON.createObjectNode();
            patch.putObject("data").put(KEY, JSON.writeValueAsString(progress));
            client.configMaps().inNamespace(namespace).withName(configMap)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(patch));
            lastWrite = now;
            warned = false;
        } catch (KubernetesClientException | com.fasterxml.jackson.core.JsonProcessingException e) {
            if (!warned) {
                LOG.warn("cannot report progress to ConfigMap {}/{} (training goes on): {}", namespace, configMap, e.getMessage());
                warned = true;
            }
        }
    }
}
