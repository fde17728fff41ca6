package io.pixelpolish.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.Objective;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.config.EffectiveConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExamplesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @Test
    void trainingRunExampleMatchesTheSchemaAndItsConfigComposes() throws IOException {
        JsonNode example = read("trainingrun.yaml");

        assertThat(StructuralSchema.problems(example.path("spec"), specSchema("trainingruns")))
                .isEmpty();
        TrainingRun run =
                SERIALIZATION.unmarshal(Files.readString(RepoFiles.example("trainingrun.yaml")), TrainingRun.class);
        assertThat(run.getSpec().gpus()).isEqualTo(1);
        assertThat(EffectiveConfigs.compose(run.getSpec(), Fixtures.NO_TRACKING_DEFAULTS, name -> Optional.empty()))
                .isInstanceOf(EffectiveConfigs.Outcome.Composed.class);
    }

    @Test
    void ablationExampleMatchesTheSchemaAndEveryArmComposes() throws IOException {
        JsonNode example = read("ablation.yaml");

        assertThat(StructuralSchema.problems(example.path("spec"), specSchema("ablations")))
                .isEmpty();
        Ablation ablation =
                SERIALIZATION.unmarshal(Files.readString(RepoFiles.example("ablation.yaml")), Ablation.class);
        ablation.getMetadata().setNamespace(Fixtures.NAMESPACE);
        assertThat(io.pixelpolish.operator.reconciler.ExampleSweeps.problem(ablation))
                .as("its arms' rewards differ, so it must rank them by validation")
                .isEmpty();
        assertThat(ablation.getSpec().effectiveObjective().goal()).isEqualTo(Objective.Goal.maximize);
        var runs = io.pixelpolish.operator.reconciler.ExampleSweeps.childSpecs(ablation);
        assertThat(runs).hasSize(8);
        assertThat(runs)
                .allSatisfy(spec -> assertThat(
                                EffectiveConfigs.compose(spec, Fixtures.NO_TRACKING_DEFAULTS, name -> Optional.empty()))
                        .isInstanceOf(EffectiveConfigs.Outcome.Composed.class));
    }

    @Test
    void schemaRefusesWhatTheIssueSaysTheApiServerMustRefuse() throws IOException {
        ObjectNode spec = (ObjectNode) read("trainingrun.yaml").path("spec").deepCopy();
        ((ObjectNode) spec.path("resources")).put("gpus", -1);
        ((ObjectNode) spec.path("config").path("base")).put("builtin", "no_such_config");
        spec.put("imagePullPolicy", "Sometimes");
        spec.put("gpuCount", 2);
        ((ObjectNode) spec.path("output")).remove("claimName");

        assertThat(StructuralSchema.problems(spec, specSchema("trainingruns")))
                .containsExactlyInAnyOrder(
                        "config.base.builtin: expected one of [ablation/grpo, ablation/ppo_pixel, base, local_dev, release], got 'no_such_config'",
                        "imagePullPolicy: expected one of [Always, IfNotPresent, Never], got 'Sometimes'",
                        "output.claimName: required",
                        "resources.gpus: expected >= 0.0, got -1",
                        "gpuCount: unknown field");
    }

    private static JsonNode read(String example) throws IOException {
        return YAML.readTree(RepoFiles.example(example).toFile());
    }

    private static JsonNode specSchema(String plural) throws IOException {
        return CrdsTest.schema(plural).path("properties").path("spec");
    }
}
