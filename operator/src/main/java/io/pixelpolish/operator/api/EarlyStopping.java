package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The median stopping rule: each run's metric is recorded when it first reports at least {@code
 * afterUpdates} updates; a run still training whose recorded value is worse than the median of the
 * values recorded for the other runs (at least two) is stopped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EarlyStopping(
        @Default("median") @JsonPropertyDescription("The stopping rule; only median.")
        Rule rule,

        @Pattern(RunMetrics.METRIC_PATTERN)
        @JsonPropertyDescription("Metric compared; unset: the objective's metric. The objective's goal applies.")
        String metric,

        @Required @Min(1) @JsonPropertyDescription("Updates a run trains before it is compared with the others.")
        Integer afterUpdates) {

    /** Runs besides the one judged that must have a recorded value before the median means anything. */
    public static final int MIN_PEERS = 2;

    public String metricOr(Objective objective) {
        return metric == null ? objective.effectiveMetric() : metric;
    }

    public enum Rule {
        median
    }
}
