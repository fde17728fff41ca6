package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.OptionalDouble;

/** Rewards of one update: the mean composite reward and each weighted term. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunMetrics(
        @JsonPropertyDescription("Mean composite reward.") Double rewardMean,
        @JsonPropertyDescription("Mean of each reward term, by term name (gradient, entropy, eme, ...).")
                Map<String, Double> rewards) {

    /** Metric names as an Ablation's objective names them: reward_mean or rewards.TERM. */
    public static final String METRIC_PATTERN = "^(reward_mean|rewards[.][a-z0-9_]+)$";

    public static final String REWARD_MEAN = "reward_mean";
    private static final String REWARD_TERM_PREFIX = "rewards.";

    public OptionalDouble value(String metric) {
        Double value = null;
        if (REWARD_MEAN.equals(metric)) {
            value = rewardMean;
        } else if (metric.startsWith(REWARD_TERM_PREFIX) && rewards != null) {
            value = rewards.get(metric.substring(REWARD_TERM_PREFIX.length()));
        }
        return value == null || value.isNaN() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
