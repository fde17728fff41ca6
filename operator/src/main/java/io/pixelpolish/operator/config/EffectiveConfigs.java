package io.pixelpolish.operator.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pixelpolish.config.ConfigException;
import io.pixelpolish.config.ConfigLayer;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.EffectiveConfig;
import io.pixelpolish.operator.api.BaseConfig;
import io.pixelpolish.operator.api.BuiltinConfig;
import io.pixelpolish.operator.api.ConfigMapKeyRef;
import io.pixelpolish.operator.api.TrackingSpec;
import io.pixelpolish.operator.api.TrainerConfigSpec;
import io.pixelpolish.operator.api.TrainingRunSpec;
import io.pixelpolish.operator.api.ValidationSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Computes a run's effective config with the trainer's own {@link ConfigLoader}, so the operator
 * refuses exactly the configs the trainer would refuse, with the same messages.
 */
public final class EffectiveConfigs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAPPING = new TypeReference<>() {};

    private EffectiveConfigs() {}

    /** The result of composing: a config to freeze, or why there is none. */
    public sealed interface Outcome {
        record Composed(EffectiveConfig config) implements Outcome {}

        /** The config cannot work; only a new spec can fix it. */
        record Invalid(String message) implements Outcome {}

        /** The referenced ConfigMap or key does not exist yet; it may be created later. */
        record MissingConfigMap(String message) implements Outcome {}
    }

    /**
     * Layers in order: the base (a non-base built-in on top of {@code base}), each override map,
     * the {@code set} keys sorted (a parent key before its children), then the keys the spec sets
     * through dedicated fields (checkpoint, reward-hacking stop, validation, tracking), which therefore win.
     *
     * @param trackingDefaults the operator's MLflow settings, for the run's unset tracking fields
     * @param configMaps looks up a ConfigMap of the run's namespace by name
     */
    public static Outcome compose(
            TrainingRunSpec spec, TrackingSpec trackingDefaults, Function<String, Optional<ConfigMap>> configMaps) {
        TrainerConfigSpec config = spec.effectiveConfig();
        List<ConfigLayer> layers = new ArrayList<>();
        try {
            BaseConfig base = config.effectiveBase();
            if (base.configMapRef() != null) {
                Optional<String> yaml = configMapText(base.configMapRef(), configMaps);
                if (yaml.isEmpty()) {
                    return new Outcome.MissingConfigMap("spec.config.base.configMapRef: ConfigMap '"
                            + base.configMapRef().name() + "' with key '"
                            + base.configMapRef().effectiveKey()
                            + "' not found in the run's namespace");
                }
                layers.add(ConfigLayer.parse(
                        "ConfigMap " + base.configMapRef().name() + "/"
                                + base.configMapRef().effectiveKey(),
                        yaml.get()));
            } else {
                layers.add(ConfigLayer.builtin(BuiltinConfig.BASE.trainerName()));
                BuiltinConfig builtin = base.builtin() == null ? BuiltinConfig.BASE : base.builtin();
                if (builtin != BuiltinConfig.BASE) {
                    layers.add(ConfigLayer.builtin(builtin.trainerName()));
                }
            }
            List<ObjectNode> overrides = config.overrideMaps();
            for (int i = 0; i < overrides.size(); i++) {
                layers.add(ConfigLayer.of(
                        "spec.config.overrides[" + i + "]", JSON.convertValue(overrides.get(i), MAPPING)));
            }
            return new Outcome.Composed(ConfigLoader.compose(layers, assignments(spec, trackingDefaults)));
        } catch (ConfigException e) {
            return new Outcome.Invalid(e.getMessage());
        }
    }

    /** With the ConfigMaps of {@code namespace} read from the API server: a base created a moment ago counts. */
    public static Outcome compose(
            TrainingRunSpec spec, TrackingSpec trackingDefaults, KubernetesClient client, String namespace) {
        return compose(
                spec,
                trackingDefaults,
                name -> Optional.ofNullable(client.configMaps()
                        .inNamespace(namespace)
                        .withName(name)
                        .get()));
    }

    static List<String> assignments(TrainingRunSpec spec, TrackingSpec trackingDefaults) {
        List<String> assignments = new ArrayList<>();
        new TreeMap<>(spec.effectiveConfig().setKeys())
                .forEach((key, value) -> assignments.add(assignment(key, value)));
        if (spec.checkpointInterval() != null) {
            assignments.add("checkpoint.interval=" + spec.checkpointInterval());
        }
        if (spec.checkpointBest() != null) {
            assignments.add(assignment("checkpoint.best", JSON.getNodeFactory().textNode(spec.checkpointBest())));
        }
        if (spec.stopOnRewardHacking() != null) {
            assignments.add("train.stop_on_hacking=" + spec.stopOnRewardHacking());
        }
        if (spec.validation() != null) {
            validationAssignments(spec.validation(), assignments);
        }
        TrackingSpec tracking = TrackingSpec.merged(spec.tracking(), trackingDefaults);
        if (tracking.mlflowTrackingUri() != null) {
            assignments.add(
                    assignment("tracking.mlflow_uri", JSON.getNodeFactory().textNode(tracking.mlflowTrackingUri())));
        }
        if (tracking.experimentName() != null) {
            assignments.add(
                    assignment("tracking.experiment", JSON.getNodeFactory().textNode(tracking.experimentName())));
        }
        return assignments;
    }

    /** The trainer's validation section; what the spec leaves unset keeps the config's value. */
    private static void validationAssignments(ValidationSpec validation, List<String> assignments) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("validation.data_root", validation.mountedPath());
        keys.put("validation.sets", validation.sets());
        keys.put("validation.every", validation.every());
        keys.put("validation.max_images", validation.maxImages());
        keys.put("validation.max_side", validation.maxSide());
        keys.put("validation.measures", validation.measures());
        keys.forEach((key, value) -> {
            if (value != null) {
                assignments.add(assignment(key, JSON.valueToTree(value)));
            }
        });
    }

    /** JSON is YAML, so the value reaches the trainer with its type: "pixel" stays a string, 3.0E-4 a number. */
    private static String assignment(String key, JsonNode value) {
        return key + "=" + value.toString();
    }

    private static Optional<String> configMapText(
            ConfigMapKeyRef ref, Function<String, Optional<ConfigMap>> configMaps) {
        return configMaps.apply(ref.name()).map(ConfigMap::getData).map(data -> data.get(ref.effectiveKey()));
    }
}
