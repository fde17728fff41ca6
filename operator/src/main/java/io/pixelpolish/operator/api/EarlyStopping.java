package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The median stopping rule: each run's metric is recorded when it first reports at least {@code
 * afterUpdates} updates (a validation key: its first validation at or after that update); a run
 * still training whose recorded value is worse than the median of the values recorded for the other
 * runs (at least two; for a validation key, only those taken at the same update) is stopped.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EarlyStopping(
        @Default("median") @JsonPropertyDescription("The stopping rule; only median.")
        Rule rule,

        @Pattern(RunMetrics.METRIC_PATTERN)
        @JsonPropertyDescription("Metric compared, as the objective names them; unset: the objective's metric. A"
                + " validation key is recorded at the run's first validation at or after afterUpdates and"
                + " compared only with values taken at the same update, in its measure's direction; a reward"
                + " metric at the first report past afterUpdates, in the objective's goal.")
        String metric,

        @Required @Min(1) @JsonPropertyDescription("Updates a run trains before it is compared with the others.")
        Integer afterUpdates) {

    /** Runs besides the one judged that must have a recorded value before the median means anything. */
    public static final int MIN_PEERS = 2;

    public String metricOr(Objective objective) {
        return metric == null ? objective.metric() : metric;
    }

    public enum Rule {
        median
    }
}
