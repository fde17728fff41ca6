package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.pixelpolish.config.ConfigException;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.operator.api.TrainingRun;
import java.util.Map;
import java.util.Optional;

/** The two ConfigMaps of a run: its frozen effective config, and the one the trainer reports progress to. */
public final class TrainerConfigMaps {
    /** The key the pod reads its config from, mounted at {@link TrainerJobs#CONFIG_DIR}. */
    public static final String CONFIG_KEY = "config.yaml";

    public static final String CONFIG_COMPONENT = "config";
    public static final String PROGRESS_COMPONENT = "progress";

    private TrainerConfigMaps() {}

    /**
     * Immutable, so a pod replaced weeks later resumes with exactly the config its checkpoints were
     * written with, even if the built-in configs of a newer operator differ.
     */
    public static ConfigMap effectiveConfig(TrainingRun run, String effectiveYaml) {
        return new ConfigMapBuilder()
                .withMetadata(Owned.metadata(run, RunResourceNames.configMap(run), runLabels(run, CONFIG_COMPONENT)))
                .withImmutable(true)
                .withData(Map.of(CONFIG_KEY, effectiveYaml))
                .build();
    }

    /** Created empty; only the trainer writes it, so the operator never updates it after creation. */
    public static ConfigMap progress(TrainingRun run) {
        return new ConfigMapBuilder()
                .withMetadata(Owned.metadata(
                        run, RunResourceNames.progressConfigMap(run), runLabels(run, PROGRESS_COMPONENT)))
                .build();
    }

    /**
     * train.total_updates of a frozen config, which bounds what the trainer may report; empty when
     * the ConfigMap does not hold a config the trainer's own loader reads.
     */
    public static Optional<Integer> totalUpdates(ConfigMap effectiveConfig) {
        String yaml = effectiveConfig.getData() == null
                ? null
                : effectiveConfig.getData().get(CONFIG_KEY);
        if (yaml == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ConfigLoader.recorded(
                            "ConfigMap " + effectiveConfig.getMetadata().getName(), yaml)
                    .config()
                    .train()
                    .totalUpdates());
        } catch (ConfigException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> runLabels(TrainingRun run, String component) {
        Map<String, String> labels = RunLabels.of(run, component);
        labels.put(RunLabels.RUN, run.getMetadata().getName());
        return labels;
    }
}
