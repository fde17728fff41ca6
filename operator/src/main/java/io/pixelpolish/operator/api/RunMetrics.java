package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.pixelpolish.contract.metrics.Metric;
import java.util.Map;
import java.util.OptionalDouble;

/** Rewards of one update: the mean composite reward and each weighted term. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunMetrics(
        @JsonPropertyDescription("Mean composite reward.") Double rewardMean,

        @JsonPropertyDescription("Mean of each reward term, by term name (gradient, entropy, eme, ...).")
        Map<String, Double> rewards) {

    /**
     * Metric names as an Ablation's objective names them, the trainer's own names (the contract's
     * {@code Metric}): rewards/mean or rewards/TERM. Annotations need constants, so they are spelled
     * here and a test holds them to the registry.
     */
    public static final String METRIC_PATTERN = "^rewards/[a-z0-9_]+$";

    public static final String REWARD_MEAN = "rewards/mean";

    public OptionalDouble value(String metric) {
        Double value = null;
        if (REWARD_MEAN.equals(metric)) {
            value = rewardMean;
        } else if (rewards != null) {
            value = Metric.rewardTermOf(metric).map(rewards::get).orElse(null);
        }
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
