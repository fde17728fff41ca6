package io.pixelpolish.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunStatus;
import io.pixelpolish.operator.kube.KubeControlPlaneExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The CRDs of crds/ on a real API server: the schema, the CEL rules and the status subresource
 * refuse what they must, with the message {@code kubectl apply} shows, and accept the examples.
 */
@ExtendWith(KubeControlPlaneExtension.class)
class CrdsOnApiServerIT {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final KubernetesClient client;

    CrdsOnApiServerIT(KubernetesClient client) {
        this.client = client;
    }

    @Test
    void examplesPassEverySchemaAndCelRule() {
        for (String name : new String[] {"trainingrun.yaml", "ablation.yaml"}) {
            GenericKubernetesResource example = example(name, spec -> {});
            assertThat(resource(example).dryRun().create().getMetadata().getUid())
                    .as(name)
                    .isNotNull();
        }
    }

    @Test
    void invalidTrainingRunsAreRefusedWithTheRuleThatFailed() {
        assertThat(refusal(example(
                        "trainingrun.yaml", spec -> spec.withObject("/data").put("path", "../other-team"))))
                .contains(
                        "spec.data: Invalid value: \"object\": path: expected a path relative to the claim's root, without '..'");
        assertThat(refusal(example(
                        "trainingrun.yaml",
                        spec -> spec.withObject("/config/base")
                                .putObject("configMapRef")
                                .put("name", "cfg"))))
                .contains(
                        "spec.config.base: Invalid value: \"object\": expected either builtin or configMapRef, not both");
        assertThat(refusal(example("trainingrun.yaml", spec -> {
                    spec.remove("output");
                    spec.withObject("/resources").put("gpus", -1);
                    spec.put("imagePullPolicy", "Sometimes");
                })))
                .contains("spec.output: Required value")
                .contains(
                        "spec.resources.gpus: Invalid value: -1: spec.resources.gpus in body should be greater than or equal to 0")
                .contains("spec.imagePullPolicy: Unsupported value: \"Sometimes\"");

        GenericKubernetesResource longName = example("trainingrun.yaml", spec -> {});
        longName.getMetadata().setName("r".repeat(64));
        assertThat(refusal(longName))
                .contains(
                        "metadata.name: expected at most 63 characters, the limit for the name of the Job that runs it");
    }

    @Test
    void invalidAblationsAreRefusedWithTheRuleThatFailed() {
        assertThat(refusal(example(
                        "ablation.yaml",
                        spec -> spec.withArray("/arms").addObject().put("name", "ppo-scalar"))))
                .contains("spec: Invalid value: \"object\": arms: expected unique names");
        assertThat(refusal(example("ablation.yaml", spec -> {
                    var parameter = spec.putArray("parameters").addObject().put("path", "train.lr");
                    parameter.putArray("values").add(1e-4);
                    spec.withArray("/parameters").add(parameter.deepCopy());
                })))
                .contains("spec: Invalid value: \"object\": parameters: expected each path once");
        assertThat(refusal(example("ablation.yaml", spec -> {
                    spec.put("parallelism", 0);
                    spec.withArray("/arms").addObject().put("name", "Not_A_Name");
                })))
                .contains(
                        "spec.parallelism: Invalid value: 0: spec.parallelism in body should be greater than or equal to 1")
                .contains("spec.arms[4].name: Invalid value: \"Not_A_Name\"");
    }

    @Test
    void validationObjectivesAreAcceptedAndTheBestOfATrainingRewardIsRefused() {
        GenericKubernetesResource perSet = example(
                "ablation.yaml",
                spec -> spec.withObject("/objective")
                        .put("metric", "val/lol_eval15/psnr_delta")
                        .put("goal", "maximize"));
        assertThat(resource(perSet).dryRun().create().getMetadata().getUid()).isNotNull();

        assertThat(refusal(example(
                        "ablation.yaml",
                        spec -> spec.withObject("/objective")
                                .put("metric", "rewards/mean")
                                .put("aggregation", "best"))))
                .contains("spec: Invalid value: \"object\": objective.aggregation: best needs a val/* metric");
        assertThat(refusal(example("ablation.yaml", spec -> {
                    spec.withObject("/template").remove("validation");
                    spec.withObject("/objective").remove("metric");
                })))
                .as("without validation the default metric is rewards/mean")
                .contains("objective.aggregation: best needs a val/* metric");
        assertThat(refusal(example(
                        "ablation.yaml", spec -> spec.withObject("/objective").put("metric", "eval/greedy_reward"))))
                .contains("spec.objective.metric: Invalid value: \"eval/greedy_reward\"");
        assertThat(refusal(example("trainingrun.yaml", spec -> {
                    spec.putObject("validation").put("every", 10);
                    spec.put("checkpointBest", "rewards/mean");
                })))
                .contains("spec.validation: Invalid value: \"object\": expected claimName, path or both")
                .contains("spec.checkpointBest: Invalid value: \"rewards/mean\"");
    }

    @Test
    void onceCreatedOnlySuspendOfARunAndTheSizeOfASweepCanChange() {
        GenericKubernetesResource run =
                resource(example("trainingrun.yaml", spec -> {})).create();
        GenericKubernetesResource sweep =
                resource(example("ablation.yaml", spec -> {})).create();

        assertThat(refusal(() -> edit(run, spec -> spec.withObject("/resources").put("gpus", 2))))
                .contains("spec: Invalid value: \"object\": only suspend can change once created");
        assertThat(refusal(() -> edit(run, spec -> spec.put("image", "ghcr.io/someone/else:1"))))
                .contains("only suspend can change once created");
        assertThat(edit(run, spec -> spec.put("suspend", true)).<Boolean>get("spec", "suspend"))
                .isTrue();

        assertThat(refusal(() -> edit(sweep, spec -> spec.put("repeats", 3))))
                .contains(
                        "spec: Invalid value: \"object\": only suspend, parallelism and maxFailedArms can change once created");
        assertThat(edit(
                                sweep,
                                spec -> spec.put("parallelism", 4)
                                        .put("maxFailedArms", 2)
                                        .put("suspend", true))
                        .<Integer>get("spec", "parallelism"))
                .isEqualTo(4);
    }

    @Test
    void statusIsWrittenOnlyThroughTheStatusSubresource() {
        TrainingRun run = Fixtures.trainingRun("status-only", Fixtures.runSpec());
        run.getMetadata().setUid(null);
        run.setStatus(succeeded());

        TrainingRun created = client.resource(run).create();
        assertThat(created.getStatus()).as("status sent with the object").isNull();

        created.setStatus(succeeded());
        TrainingRun withStatus = client.resource(created).updateStatus();
        assertThat(withStatus.getStatus().phase()).isEqualTo(Phase.Succeeded);

        withStatus.setSpec(withStatus.getSpec().withSuspend(true));
        withStatus.setStatus(null);
        client.resource(withStatus).updateStatus();
        TrainingRun stored = client.resource(withStatus).get();
        assertThat(stored.getSpec().suspended()).as("spec sent to /status").isFalse();
        assertThat(stored.getStatus()).as("status removed through /status").isNull();
    }

    private static TrainingRunStatus succeeded() {
        return new TrainingRunStatus(Phase.Succeeded, null, 1L, null, null, null, null, null, null, null, null, null);
    }

    private Resource<GenericKubernetesResource> resource(GenericKubernetesResource resource) {
        return client.genericKubernetesResources(resource.getApiVersion(), resource.getKind())
                .inNamespace(Fixtures.NAMESPACE)
                .resource(resource);
    }

    /** An example of examples/ as kubectl would send it, with its spec changed. */
    private static GenericKubernetesResource example(String file, Consumer<ObjectNode> specChange) {
        try {
            ObjectNode yaml = (ObjectNode) YAML.readTree(RepoFiles.example(file).toFile());
            specChange.accept(yaml.withObject("/spec"));
            GenericKubernetesResource resource = SERIALIZATION.convertValue(yaml, GenericKubernetesResource.class);
            resource.getMetadata().setNamespace(Fixtures.NAMESPACE);
            return resource;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private GenericKubernetesResource edit(GenericKubernetesResource resource, Consumer<ObjectNode> specChange) {
        return resource(resource).edit(current -> {
            ObjectNode spec =
                    SERIALIZATION.convertValue(current.getAdditionalProperties().get("spec"), ObjectNode.class);
            specChange.accept(spec);
            current.getAdditionalProperties().put("spec", spec);
            return current;
        });
    }

    private String refusal(GenericKubernetesResource resource) {
        return refusal(() -> resource(resource).create());
    }

    /** What kubectl prints when the API server refuses the request: the Status message of a 422. */
    private static String refusal(Runnable request) {
        KubernetesClientException refused = catchThrowableOfType(KubernetesClientException.class, request::run);
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.getCode()).isEqualTo(422);
        return refused.getStatus().getMessage();
    }
}
