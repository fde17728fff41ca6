package io.pixelpolish.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.TrainingRunSpec;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CrdsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String REFRESH = "operator/refresh-crds.sh";
    /** Embedded Kubernetes types, whose Fabric8 models carry no descriptions. */
    private static final Set<String> UNDOCUMENTED = Set.of("affinity", "tolerations", "conditions");

    @Test
    void checkedInCrdsAreWhatTheBuildGenerates() throws IOException {
        for (Map.Entry<String, String> generated : GeneratedCrds.files().entrySet()) {
            Path checkedIn = RepoFiles.crd(generated.getKey());
            assertThat(checkedIn)
                    .withFailMessage("%s is missing: run %s and commit crds/", RepoFiles.relative(checkedIn), REFRESH)
                    .exists();
            assertThat(Files.readString(checkedIn))
                    .withFailMessage(
                            "%s differs from the CRD generated from the api classes: run %s and commit crds/",
                            RepoFiles.relative(checkedIn), REFRESH)
                    .isEqualTo(generated.getValue());
        }
    }

    @Test
    void printerColumnsComeInTheOrderTheIssueAsks() throws IOException {
        assertThat(columns("trainingruns")).containsExactly("Phase", "Progress", "Reward", "Quality", "GPUs", "Age");
        assertThat(columns("ablations")).containsExactly("Phase", "Done/Total", "Best", "Metric", "Objective", "Age");
    }

    @Test
    void everyFieldOfOurOwnHasADescriptionForKubectlExplain() throws IOException {
        for (String plural : List.of("trainingruns", "ablations")) {
            List<String> undocumented = new ArrayList<>();
            JsonNode root = schema(plural);
            collectUndocumented(root.path("properties").path("spec"), "spec", undocumented);
            collectUndocumented(root.path("properties").path("status"), "status", undocumented);
            assertThat(undocumented).as(plural).isEmpty();
        }
    }

    @Test
    void schemaCarriesTheConstraintsTheApiServerEnforces() throws IOException {
        JsonNode spec = schema("trainingruns").path("properties").path("spec");
        assertThat(spec.at("/properties/resources/properties/gpus/minimum").asDouble())
                .isZero();
        assertThat(spec.at("/properties/config/properties/base/properties/builtin/enum"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("base", "local_dev", "release", "ablation/ppo_pixel", "ablation/grpo");
        assertThat(spec.path("required")).extracting(JsonNode::asText).containsExactlyInAnyOrder("data", "output");
        assertThat(spec.path("x-kubernetes-validations").toString()).contains("oldSelf");
        assertThat(schema("trainingruns").path("x-kubernetes-validations").toString())
                .contains("size(self.metadata.name) <= 63");
    }

    @Test
    void everySpecFieldButTheChangeableOnesIsFixedOnceCreated() throws IOException {
        assertFixed(schema("trainingruns").path("properties").path("spec"), TrainingRunSpec.class, Set.of("suspend"));
        JsonNode sweep = schema("ablations").path("properties").path("spec");
        assertFixed(sweep, AblationSpec.class, Set.of("suspend", "parallelism", "maxFailedArms"));
        assertFixed(sweep.path("properties").path("template"), TrainingRunSpec.class, Set.of("suspend"));
    }

    /** Every component of the record but {@code changeable} is in the schema's transition rule, by name. */
    private static void assertFixed(JsonNode schema, Class<? extends Record> spec, Set<String> changeable) {
        List<String> rules = new ArrayList<>();
        schema.path("x-kubernetes-validations")
                .forEach(v -> rules.add(v.path("rule").asText()));
        String rule =
                rules.stream().filter(r -> r.contains("oldSelf")).findFirst().orElse("");
        List<String> changeableAfterAll = Arrays.stream(spec.getRecordComponents())
                .map(RecordComponent::getName)
                .filter(field -> !changeable.contains(field))
                .filter(field -> !rule.contains("self." + field + " == oldSelf." + field + " "))
                .toList();
        assertThat(changeableAfterAll)
                .as("fields of %s that its transition rule lets change", spec.getSimpleName())
                .isEmpty();
        assertThat(changeable).allSatisfy(field -> assertThat(rule).doesNotContain("has(self." + field + ")"));
    }

    private static void collectUndocumented(JsonNode schema, String path, List<String> undocumented) {
        if (!schema.has("description")) {
            undocumented.add(path);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        schema.path("properties").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!UNDOCUMENTED.contains(field.getKey())) {
                collectUndocumented(field.getValue(), path + "." + field.getKey(), undocumented);
            }
        }
        JsonNode items = schema.path("items");
        if (items.has("properties")) {
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            items.path("properties").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                collectUndocumented(field.getValue(), path + "[]." + field.getKey(), undocumented);
            }
        }
    }

    private static List<String> columns(String plural) throws IOException {
        List<String> names = new ArrayList<>();
        crd(plural)
                .at("/spec/versions/0/additionalPrinterColumns")
                .forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    static JsonNode schema(String plural) throws IOException {
        return crd(plural).at("/spec/versions/0/schema/openAPIV3Schema");
    }

    private static JsonNode crd(String plural) throws IOException {
        return YAML.readTree(GeneratedCrds.files().get(plural + ".pixelpolish.io-v1.yml"));
    }
}
