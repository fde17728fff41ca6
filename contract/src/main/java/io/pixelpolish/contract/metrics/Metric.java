package io.pixelpolish.contract.metrics;

import java.util.Arrays;
import java.util.Optional;

/**
 * The per-update training metrics, under the names metrics.jsonl, MLflow, progress.json and the
 * operator all use. Names are grouped with {@code /} as CleanRL groups them, so the MLflow UI shows
 * one section per group: {@code rewards/} what the sampled episodes earned (the mean and each
 * term), {@code eval/} the deterministic policy on a fixed held-out batch, {@code losses/} the PPO
 * optimisation, {@code charts/} schedules and speed, {@code diagnostics/} the run's own health checks.
 */
public enum Metric {
    REWARD_MEAN("rewards/mean", "mean composite episode return of the sampled batch"),
    GREEDY_REWARD("eval/greedy_reward", "composite gain of the deterministic policy on the held-out batch"),
    POLICY_LOSS("losses/policy", "clipped surrogate loss"),
    VALUE_LOSS("losses/value", "critic loss (0.5 * squared error)"),
    ENTROPY("losses/entropy", "mean entropy of the exploration distribution"),
    APPROX_KL("losses/approx_kl", "approximate KL between the old and new policy"),
    CLIP_FRACTION("losses/clipfrac", "fraction of decisions whose ratio was clipped"),
    EXPLAINED_VARIANCE("losses/explained_variance", "1 - Var(returns - values) / Var(returns)"),
    GRAD_NORM("charts/grad_norm", "global gradient norm before clipping"),
    LOG_STD_MEAN("charts/log_std_mean", "mean log standard deviation of the exploration"),
    ENTROPY_COEF("charts/entropy_coef", "entropy bonus coefficient at this update"),
    LEARNING_RATE("charts/learning_rate", "learning rate at this update"),
    UPDATE_SECONDS("charts/update_s", "wall-clock seconds of this update"),
    IMAGES_PER_SECOND("charts/images_per_s", "training images per second in this update"),
    ELAPSED_SECONDS("charts/elapsed_s", "training seconds so far, across resumes"),
    REWARD_HACKING("diagnostics/reward_hacking", "1 when the reward-hacking watch fired at this update, else 0");

    private static final String REWARD_TERM_PREFIX = "rewards/";
    private static final String GREEDY_TERM_PREFIX = "eval/greedy_";

    private final String key;
    private final String description;

    Metric(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    /** The sampled episodes' mean return from one reward term, e.g. {@code rewards/gradient}. */
    public static String rewardTerm(String term) {
        return REWARD_TERM_PREFIX + term;
    }

    /** The deterministic policy's held-out gain from one reward term, e.g. {@code eval/greedy_gradient}. */
    public static String greedyTerm(String term) {
        return GREEDY_TERM_PREFIX + term;
    }

    /** The term a {@link #rewardTerm} key names; empty for any other key, {@link #REWARD_MEAN} included. */
    public static Optional<String> rewardTermOf(String key) {
        if (!key.startsWith(REWARD_TERM_PREFIX) || key.equals(REWARD_MEAN.key)) {
            return Optional.empty();
        }
        return Optional.of(key.substring(REWARD_TERM_PREFIX.length()));
    }

    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }
}
