package io.pixelpolish.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.BaseConfig;
import io.pixelpolish.operator.api.BuiltinConfig;
import io.pixelpolish.operator.api.ComputeResources;
import io.pixelpolish.operator.api.DataVolume;
import io.pixelpolish.operator.api.OutputVolume;
import io.pixelpolish.operator.api.TrackingSpec;
import io.pixelpolish.operator.api.TrainerConfigSpec;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunSpec;
import io.pixelpolish.operator.api.ValidationSpec;
import io.pixelpolish.operator.config.AdmissionPolicy;
import io.pixelpolish.operator.config.GpuDefaults;
import io.pixelpolish.operator.config.OperatorConfig;
import io.pixelpolish.operator.config.TrainerImages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Resources and settings the tests start from. */
public final class Fixtures {
    public static final String NAMESPACE = "ml";
    /** An operator without MLflow settings of its own. */
    public static final TrackingSpec NO_TRACKING_DEFAULTS = new TrackingSpec(null, null, null);

    /** Where on the data claim {@link #validatedRunSpec()} has its validation sets. */
    public static final String VALIDATION_PATH = "validation";

    public static final TrainerImages IMAGES = new TrainerImages(
            "ghcr.io/pixelpolish/pixelpolish-trainer:test", "ghcr.io/pixelpolish/pixelpolish-trainer:test-cuda");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Fixtures() {}

    /** A small valid run: local_dev config, data and output claims, one GPU. */
    public static TrainingRunSpec runSpec() {
        return runSpec(new ComputeResources(1, new Quantity("4"), new Quantity("16Gi")), null);
    }

    /** {@link #runSpec()} with other resources. */
    public static TrainingRunSpec runSpec(ComputeResources resources) {
        return runSpec(resources, null);
    }

    /** {@link #runSpec()} whose Job is deleted this many seconds after it finished. */
    public static TrainingRunSpec runSpec(int ttlSecondsAfterFinished) {
        return runSpec(new ComputeResources(1, new Quantity("4"), new Quantity("16Gi")), ttlSecondsAfterFinished);
    }

    /** {@link #runSpec()} validated on the sets under {@link #VALIDATION_PATH} of the data claim. */
    public static TrainingRunSpec validatedRunSpec() {
        return runSpec(new ValidationSpec(null, VALIDATION_PATH, null, null, null, null, null), null, null);
    }

    /** {@link #runSpec()} with the fields of validation in the loop. */
    public static TrainingRunSpec runSpec(
            ValidationSpec validation, String checkpointBest, Boolean stopOnRewardHacking) {
        return runSpec(
                new ComputeResources(1, new Quantity("4"), new Quantity("16Gi")),
                null,
                validation,
                checkpointBest,
                stopOnRewardHacking);
    }

    private static TrainingRunSpec runSpec(ComputeResources resources, Integer ttlSecondsAfterFinished) {
        return runSpec(resources, ttlSecondsAfterFinished, null, null, null);
    }

    private static TrainingRunSpec runSpec(
            ComputeResources resources,
            Integer ttlSecondsAfterFinished,
            ValidationSpec validation,
            String checkpointBest,
            Boolean stopOnRewardHacking) {
        return new TrainingRunSpec(
                null,
                null,
                new TrainerConfigSpec(new BaseConfig(BuiltinConfig.LOCAL_DEV, null), null, null),
                new DataVolume("images", "photos", null),
                new OutputVolume("runs", "ablations"),
                resources,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                ttlSecondsAfterFinished,
                null,
                validation,
                checkpointBest,
                stopOnRewardHacking);
    }

    /** As the API server would return it: with a uid (derived from the name) and generation 1. */
    public static TrainingRun trainingRun(String name, TrainingRunSpec spec) {
        TrainingRun run = new TrainingRun();
        run.setMetadata(storedMetadata(name));
        run.setSpec(spec);
        return run;
    }

    public static Ablation ablation(String name, AblationSpec spec) {
        Ablation ablation = new Ablation();
        ablation.setMetadata(storedMetadata(name));
        ablation.setSpec(spec);
        return ablation;
    }

    private static ObjectMeta storedMetadata(String name) {
        return new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(NAMESPACE)
                .withUid(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8))
                        .toString())
                .withGeneration(1L)
                .build();
    }

    /** {@code spec} recording to MLflow at {@code uri}, in {@code experiment}. */
    public static TrainingRunSpec withMlflow(TrainingRunSpec spec, String uri, String experiment) {
        return new TrainingRunSpec(
                spec.image(),
                spec.imagePullPolicy(),
                spec.config(),
                spec.data(),
                spec.output(),
                spec.resources(),
                spec.nodeSelector(),
                spec.tolerations(),
                spec.affinity(),
                spec.priorityClassName(),
                spec.serviceAccountName(),
                new TrackingSpec(uri, experiment, null),
                spec.suspend(),
                spec.backoffLimit(),
                spec.activeDeadlineSeconds(),
                spec.ttlSecondsAfterFinished(),
                spec.checkpointInterval(),
                spec.validation(),
                spec.checkpointBest(),
                spec.stopOnRewardHacking());
    }

    /** {@code spec} with one field set to {@code value}, as a user would write it in the YAML. */
    public static TrainingRunSpec with(TrainingRunSpec spec, String field, Object value) {
        ObjectNode tree = SERIALIZATION.convertValue(spec, ObjectNode.class);
        tree.set(field, SERIALIZATION.convertValue(value, JsonNode.class));
        return SERIALIZATION.convertValue(tree, TrainingRunSpec.class);
    }

    public static TrainingRunSpec withSet(TrainingRunSpec spec, Map<String, JsonNode> set) {
        TrainerConfigSpec config = spec.effectiveConfig();
        return spec.withConfig(new TrainerConfigSpec(config.base(), config.overrides(), set), spec.suspended());
    }

    public static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }

    public static JsonNode number(double value) {
        return JsonNodeFactory.instance.numberNode(value);
    }

    public static OperatorConfig operatorConfig() {
        return operatorConfig(AdmissionPolicy.OPEN);
    }

    /** The test operator's settings with these admission limits. */
    public static OperatorConfig operatorConfig(AdmissionPolicy admission) {
        return new OperatorConfig() {
            @Override
            public Admission admission() {
                return new Admission() {
                    @Override
                    public Optional<List<String>> allowedImagePrefixes() {
                        return Optional.of(admission.imagePrefixes());
                    }

                    @Override
                    public Optional<List<String>> allowedServiceAccounts() {
                        return Optional.of(admission.serviceAccounts());
                    }

                    @Override
                    public boolean allowRunSecrets() {
                        return admission.runSecrets();
                    }
                };
            }

            @Override
            public Trainer trainer() {
                return new Trainer() {
                    @Override
                    public String image() {
                        return IMAGES.cpu();
                    }

                    @Override
                    public String cudaImage() {
                        return IMAGES.cuda();
                    }

                    @Override
                    public String gpuResourceName() {
                        return GpuDefaults.NVIDIA_GPU;
                    }

                    @Override
                    public Optional<String> gpuDefaultCpu() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> gpuDefaultMemory() {
                        return Optional.empty();
                    }
                };
            }

            @Override
            public Mlflow mlflow() {
                return new Mlflow() {
                    @Override
                    public Optional<String> trackingUri() {
                        return Optional.empty();
                    }

                    @Override
                    public Optional<String> credentialsSecret() {
                        return Optional.empty();
                    }
                };
            }

            @Override
            public Duration missingConfigMapRecheck() {
                return Duration.ofSeconds(1);
            }

            @Override
            public Duration mlflowCallLimit() {
                return Duration.ofSeconds(30);
            }

            @Override
            public Duration mlflowRetry() {
                return Duration.ofSeconds(1);
            }
        };
    }
}
