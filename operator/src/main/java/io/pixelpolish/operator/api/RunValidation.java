package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.OptionalDouble;

/** The run's latest validation and each measure's best so far, as the trainer last reported them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunValidation(
        @JsonPropertyDescription("The update the measures were taken at.")
        Integer update,

        @JsonPropertyDescription("The latest validation, by metric key: val/MEASURE pooled over every set,"
                + " val/SET/MEASURE per set, each also as ..._delta against the unenhanced input.")
        Map<String, Double> measures,

        @JsonPropertyDescription("Each key's best value so far in the run, lower or higher as its measure is better.")
        Map<String, Double> best) {

    public OptionalDouble value(String key, Objective.Aggregation aggregation) {
        Map<String, Double> values = aggregation == Objective.Aggregation.best ? best : measures;
        return present(values == null ? null : values.get(key));
    }

    /** A reported value, if it is one: NaN, a measure that could not be taken, is none. */
    static OptionalDouble present(Double value) {
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
