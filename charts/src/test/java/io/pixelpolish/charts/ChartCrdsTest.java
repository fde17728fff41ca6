package io.pixelpolish.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The chart installs and upgrades exactly the CRDs of crds/, and keeps them on uninstall. */
class ChartCrdsTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Path SOURCE = RenderedChart.repoRoot().resolve("crds");
    private static final Path COPY = RenderedChart.chart().resolve("files/crds");

    @Test
    void theChartsCopyIsIdenticalToCrds() throws IOException {
        List<String> names = yamlFiles(SOURCE);
        assertThat(names).as("crds/").isNotEmpty();
        assertThat(yamlFiles(COPY)).as("charts/pixelpolish/files/crds/").containsExactlyElementsOf(names);
        for (String name : names) {
            assertThat(COPY.resolve(name))
                    .as(
                            "charts/pixelpolish/files/crds/%s differs from crds/%s: run ./mvnw -pl charts generate-resources and commit",
                            name, name)
                    .hasSameTextualContentAs(SOURCE.resolve(name));
        }
    }

    @Test
    void renderedCrdsAreTheSourceWithTheKeepPolicy() throws IOException {
        List<CustomResourceDefinition> rendered = RenderedChart.withDefaults().all(CustomResourceDefinition.class);
        assertThat(rendered)
                .extracting(crd -> crd.getMetadata().getName())
                .containsExactlyInAnyOrder("trainingruns.pixelpolish.io", "ablations.pixelpolish.io");
        for (CustomResourceDefinition crd : rendered) {
            CustomResourceDefinition source = SERIALIZATION.unmarshal(
                    Files.readString(SOURCE.resolve(crd.getMetadata().getName() + ".yaml")),
                    CustomResourceDefinition.class);
            assertThat(crd.getSpec()).isEqualTo(source.getSpec());
            assertThat(crd.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");
            assertThat(crd.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "pixelpolish");
        }
    }

    @Test
    void crdsCanBeLeftToSomeoneElseOrDeletedWithTheRelease() {
        assertThat(RenderedChart.render(c -> c.set("crds.install", false)).all(CustomResourceDefinition.class))
                .isEmpty();
        assertThat(RenderedChart.withValues("custom.yaml").all(CustomResourceDefinition.class))
                .hasSize(2)
                .allSatisfy(crd ->
                        assertThat(crd.getMetadata().getAnnotations()).doesNotContainKey("helm.sh/resource-policy"));
    }

    private static List<String> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }
}
