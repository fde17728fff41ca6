package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.pixelpolish.contract.metrics.Metric;
import java.util.Map;
import java.util.OptionalDouble;

/** Rewards of one update: the mean composite reward and each weighted term, and the reward-hacking watch. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunMetrics(
        @JsonPropertyDescription("Mean composite reward.") Double rewardMean,

        @JsonPropertyDescription("Mean of each reward term, by term name (gradient, entropy, eme, ...).")
        Map<String, Double> rewards,

        @JsonPropertyDescription(
                "Latest composite gain of the deterministic policy on the held-out training batch (eval/greedy_reward).")
        Double greedyReward,

        @JsonPropertyDescription("Whether the trainer's reward-hacking watch fired at this update; unset while it"
                + " does not watch. The RewardHacking condition says what it saw.")
        Boolean rewardHacking) {

    /** The training reward's metrics, the trainer's own names (the contract's {@code Metric}): rewards/mean or rewards/TERM. */
    public static final String REWARD_PATTERN = "^rewards/[a-z0-9_]+$";

    /**
     * Metric names as an Ablation's objective names them: a training reward metric, or a validation
     * key ({@code val/quality}, {@code val/SET/psnr}, {@code val/niqe_delta}). Annotations need
     * constants, so they are spelled here and a test holds them to the registry.
     */
    public static final String METRIC_PATTERN = REWARD_PATTERN + "|" + Metric.VALIDATION_KEY_PATTERN;

    public static final String REWARD_MEAN = "rewards/mean";

    public OptionalDouble value(String metric) {
        Double value = null;
        if (REWARD_MEAN.equals(metric)) {
            value = rewardMean;
        } else if (rewards != null) {
            value = Metric.rewardTermOf(metric).map(rewards::get).orElse(null);
        }
        return RunValidation.present(value);
    }
}
