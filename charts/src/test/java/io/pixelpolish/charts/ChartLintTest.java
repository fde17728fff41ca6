package io.pixelpolish.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ChartLintTest {

    @Test
    void lintPassesStrictly() {
        LintResult result = new Helm(RenderedChart.chart()).lint().strict().call();
        assertThat(result.isFailed())
                .as(String.join("\n", result.getMessages()))
                .isFalse();
    }

    @Test
    void chartVersionsAreTheProjectVersion() throws IOException {
        JsonNode chart = new ObjectMapper(new YAMLFactory())
                .readTree(RenderedChart.chart().resolve("Chart.yaml").toFile());
        String version = System.getProperty("pixelpolish.version");
        assertThat(version).as("Maven passes pixelpolish.version").isNotBlank();
        assertThat(chart.path("version").asText()).isEqualTo(version);
        assertThat(chart.path("appVersion").asText()).isEqualTo(version);
    }
}
