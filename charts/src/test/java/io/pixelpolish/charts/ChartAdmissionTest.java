package io.pixelpolish.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The admission limits of values.yaml reach the operator, which refuses runs beyond them, and the
 * CRDs, as CEL rules on the fields they limit, in a TrainingRun's spec and an Ablation's template.
 */
class ChartAdmissionTest {

    @Test
    void limitsBecomeTheOperatorsSettingsAndCelRulesOnTheLimitedFields() {
        RenderedChart chart = RenderedChart.withValues("admission.yaml");

        assertThat(env(chart))
                .containsEntry(
                        "PIXELPOLISH_OPERATOR_ADMISSION_ALLOWED_IMAGE_PREFIXES",
                        "registry.example.com/ml/,ghcr.io/pixelpolish/")
                .containsEntry("PIXELPOLISH_OPERATOR_ADMISSION_ALLOWED_SERVICE_ACCOUNTS", "trainer,gpu-trainer")
                .containsEntry("PIXELPOLISH_OPERATOR_ADMISSION_ALLOW_RUN_SECRETS", "false");
        for (JSONSchemaProps run : runSchemas(chart)) {
            assertThat(rules(run, "image"))
                    .containsExactly("[\"registry.example.com/ml/\",\"ghcr.io/pixelpolish/\"]"
                            + ".exists(p, self.startsWith(p))");
            assertThat(rules(run, "serviceAccountName")).containsExactly("self in [\"trainer\",\"gpu-trainer\"]");
            assertThat(rules(run, "tracking")).containsExactly("!has(self.credentialsSecretRef)");
            assertThat(run.getProperties().get("image").getXKubernetesValidations())
                    .extracting(ValidationRule::getMessage)
                    .singleElement()
                    .asString()
                    .startsWith("NotAllowed: ")
                    .contains("registry.example.com/ml/");
        }
    }

    @Test
    void withoutLimitsAnyImageServiceAccountAndSecretMayBeNamed() {
        RenderedChart chart = RenderedChart.withDefaults();

        assertThat(env(chart))
                .doesNotContainKeys(
                        "PIXELPOLISH_OPERATOR_ADMISSION_ALLOWED_IMAGE_PREFIXES",
                        "PIXELPOLISH_OPERATOR_ADMISSION_ALLOWED_SERVICE_ACCOUNTS")
                .containsEntry("PIXELPOLISH_OPERATOR_ADMISSION_ALLOW_RUN_SECRETS", "true");
        for (JSONSchemaProps run : runSchemas(chart)) {
            for (String field : List.of("image", "serviceAccountName", "tracking")) {
                assertThat(rules(run, field)).as(field).isEmpty();
            }
        }
    }

    /** A TrainingRun's spec and an Ablation's template, as the rendered CRDs define them. */
    private static List<JSONSchemaProps> runSchemas(RenderedChart chart) {
        JSONSchemaProps runSpec = spec(chart.get(CustomResourceDefinition.class, "trainingruns.pixelpolish.io"));
        JSONSchemaProps template = spec(chart.get(CustomResourceDefinition.class, "ablations.pixelpolish.io"))
                .getProperties()
                .get("template");
        return List.of(runSpec, template);
    }

    private static JSONSchemaProps spec(CustomResourceDefinition crd) {
        return crd.getSpec()
                .getVersions()
                .get(0)
                .getSchema()
                .getOpenAPIV3Schema()
                .getProperties()
                .get("spec");
    }

    private static List<String> rules(JSONSchemaProps run, String field) {
        return run.getProperties().get(field).getXKubernetesValidations().stream()
                .map(ValidationRule::getRule)
                .toList();
    }

    private static Map<String, String> env(RenderedChart chart) {
        return OperatorDeploymentTest.env(OperatorDeploymentTest.operatorContainer(chart));
    }
}
