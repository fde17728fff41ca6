package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** The metric arms are ranked by, read from each TrainingRun's status.lastMetrics. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Objective(
        @Default(RunMetrics.REWARD_MEAN)
        @Pattern(RunMetrics.METRIC_PATTERN)
        @JsonPropertyDescription("rewards/mean, or rewards/TERM for one reward term (e.g. rewards/eme).")
        String metric,

        @Default("maximize") @JsonPropertyDescription("maximize or minimize.")
        Goal goal) {

    public static final Objective MAXIMIZE_REWARD_MEAN = new Objective(RunMetrics.REWARD_MEAN, Goal.maximize);

    public String effectiveMetric() {
        return metric == null ? RunMetrics.REWARD_MEAN : metric;
    }

    public Goal effectiveGoal() {
        return goal == null ? Goal.maximize : goal;
    }

    /** Whether {@code a} is better than {@code b} under this goal. */
    public boolean better(double a, double b) {
        return effectiveGoal() == Goal.maximize ? a > b : a < b;
    }

    public enum Goal {
        maximize,
        minimize
    }
}
