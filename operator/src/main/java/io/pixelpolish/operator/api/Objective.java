package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.contract.metrics.ValidationMeasure;
import java.util.Optional;

/**
 * The metric arms are ranked by, read from each TrainingRun's status: a val/* key from
 * status.validation, a training reward metric from status.lastMetrics. Unset fields are resolved by
 * {@link #resolve}, so the status and MLflow show the objective actually used.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Objective(
        @Pattern(RunMetrics.METRIC_PATTERN)
        @JsonPropertyDescription("A validation key (val/quality, val/niqe, val/SET/psnr, val/quality_delta, ...), or"
                + " rewards/mean or rewards/TERM. Only validation ranks arms whose rewards differ: a rewards/*"
                + " objective is refused (InvalidSpec) when arms or grid values set reward.* or train.algorithm"
                + " differently, since each arm's reward would be a different yardstick. Unset: val/quality when"
                + " the template has validation, else rewards/mean.")
        String metric,

        @JsonPropertyDescription("maximize or minimize. Unset: the direction in which a validation measure is better"
                + " (minimize for niqe, brisque, exposure_error, clipped), else maximize; a goal against the"
                + " measure's direction is refused.")
        Goal goal,

        @JsonPropertyDescription(
                "last: the run's latest value. best: its best value over the run (status.validation.best),"
                        + " for val/* metrics only: a training reward is one noisy batch per update and has no best."
                        + " Unset: last.")
        Aggregation aggregation) {

    public static final String DEFAULT_VALIDATION_METRIC = "val/quality";

    /**
     * The objective a sweep ranks by: {@code declared} (may be null) with its unset fields defaulted,
     * the metric by whether the template validates.
     */
    public static Objective resolve(Objective declared, boolean validated) {
        String metric = declared != null && declared.metric != null
                ? declared.metric
                : validated ? DEFAULT_VALIDATION_METRIC : RunMetrics.REWARD_MEAN;
        Goal goal = declared != null && declared.goal != null
                ? declared.goal
                : naturalGoal(metric).orElse(Goal.maximize);
        Aggregation aggregation =
                declared != null && declared.aggregation != null ? declared.aggregation : Aggregation.last;
        return new Objective(metric, goal, aggregation);
    }

    /** The direction a validation key is better in; empty for a training reward metric. */
    public static Optional<Goal> naturalGoal(String metric) {
        return Metric.validationMeasureOf(metric)
                .map(measure -> measure.goal() == ValidationMeasure.Goal.MINIMIZE ? Goal.minimize : Goal.maximize);
    }

    /** The goal {@code other} is compared by: a validation key's own direction, else this objective's goal. */
    public Goal goalOf(String other) {
        return naturalGoal(other).orElse(goal);
    }

    /** Whether {@code a} is better than {@code b} under this (resolved) objective's goal. */
    public boolean better(double a, double b) {
        return better(goal, a, b);
    }

    public static boolean better(Goal goal, double a, double b) {
        return goal == Goal.maximize ? a > b : a < b;
    }

    public static boolean isValidationKey(String metric) {
        return metric.matches(Metric.VALIDATION_KEY_PATTERN);
    }

    public enum Goal {
        maximize,
        minimize
    }

    public enum Aggregation {
        last,
        best
    }
}
