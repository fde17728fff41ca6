package io.pixelpolish.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Compares what a run logged locally (metrics.jsonl rows) with what MLflow holds for it. */
public final class LoggedMetrics {
    private LoggedMetrics() {}

    /** Every update's value of {@code key} in {@code local} is in MLflow's history once, at step = update. */
    public static void assertMlflowHasEveryValue(MlflowRest rest, String runId, List<JsonNode> local, String key)
            throws IOException {
        Map<Integer, Double> expected = new TreeMap<>();
        local.stream()
                .filter(row -> row.hasNonNull(key))
                .forEach(row ->
                        expected.put(row.get("update").asInt(), row.get(key).asDouble()));
        assertThat(expected).as(key + " in metrics.jsonl").isNotEmpty();
        List<JsonNode> history = rest.metricHistory(runId, key);
        assertThat(history.stream().map(m -> m.get("step").asInt()).sorted().toList())
                .as(key + ": every step once")
                .containsExactlyElementsOf(expected.keySet());
        history.forEach(m -> assertThat(m.get("value").asDouble())
                .as(key + " at " + m.get("step"))
                .isCloseTo(expected.get(m.get("step").asInt()), within(1e-9)));
    }
}
