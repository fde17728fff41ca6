package io.pixelpolish.charts;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** values.schema.json refuses bad values before anything is rendered, and says which field is wrong. */
class ValuesSchemaTest {

    @Test
    void wrongTypesAreRefusedWithTheFieldNamed() {
        assertThatThrownBy(() -> RenderedChart.withValues("wrong-types.yaml"))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("watchNamespaces")
                .hasMessageContaining("enabled")
                .hasMessageContaining("port");
    }

    @Test
    void unknownKeysAreRefused() {
        assertThatThrownBy(() -> RenderedChart.withValues("unknown-key.yaml")).hasMessageContaining("replicas");
    }

    @Test
    void aNamespaceThatIsNoKubernetesNameIsRefused() {
        assertThatThrownBy(() -> RenderedChart.render(c -> c.set("operator.watchNamespaces[0]", "Team_A")))
                .hasMessageContaining("watchNamespaces");
    }
}
