package io.pixelpolish.contract.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The per-update training metrics, under the names metrics.jsonl, MLflow, progress.json and the
 * operator all use. Names are grouped with {@code /} as CleanRL groups them, so the MLflow UI shows
 * one section per group: {@code rewards/} what the sampled episodes earned (the mean and each
 * term), {@code eval/} the deterministic policy on a fixed held-out batch, {@code losses/} the PPO
 * optimisation, {@code charts/} schedules and speed, {@code diagnostics/} the run's own health checks.
 *
 * <p>Validation measures, taken every {@code validation.every} updates rather than every update, are
 * named by {@link #validation(String)} and {@link #validation(String, String)}: {@code val/<measure>}
 * pooled over all validation images, {@code val/<set>/<measure>} per set, each also as
 * {@code ..._delta}, the change against the unenhanced input.
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
    VALIDATION_SECONDS("charts/validation_s", "wall-clock seconds of this update's validation"),
    REWARD_HACKING("diagnostics/reward_hacking", "1 when the reward-hacking watch fired at this update, else 0");

    private static final String REWARD_TERM_PREFIX = "rewards/";
    private static final String GREEDY_TERM_PREFIX = "eval/greedy_";
    private static final String VALIDATION_PREFIX = "val/";
    private static final String DELTA_SUFFIX = "_delta";

    /**
     * Every validation key: {@code val/}, an optional set label and {@code /}, then a measure name,
     * optionally {@code _delta}. Spelled as a constant for CRD annotations; {@link #validationMeasureOf}
     * also checks the measure is one of {@link ValidationMeasure}.
     */
    public static final String VALIDATION_KEY_PATTERN = "^val/([a-z0-9][a-z0-9_-]*/)?[a-z_]+$";

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

    /** A validation measure pooled over every set, e.g. {@code val/niqe}. */
    public static String validation(String measure) {
        return VALIDATION_PREFIX + measure;
    }

    /** A validation measure on one set (a {@link #validationSetLabel}), e.g. {@code val/lol_eval15/psnr}. */
    public static String validation(String set, String measure) {
        return VALIDATION_PREFIX + set + "/" + measure;
    }

    /** A measure's change against the unenhanced input, e.g. {@code niqe_delta}. */
    public static String delta(String measure) {
        return measure + DELTA_SUFFIX;
    }

    /**
     * How a validation set folder is named in keys: its last path component, lower-cased, every
     * character outside {@code [a-z0-9_-]} made {@code _} (so {@code lowlight/LOL_eval15} is
     * {@code lol_eval15}).
     */
    public static String validationSetLabel(String folder) {
        String normalized = folder.replace('\\', '/').replaceAll("/+$", "");
        String last = normalized.substring(normalized.lastIndexOf('/') + 1);
        String label = last.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
        return label.isEmpty() || !Character.isLetterOrDigit(label.charAt(0)) ? "set" + label : label;
    }

    /**
     * The measure a validation key names, the {@code _delta} form included (a delta is better the
     * same way as its measure); empty for any other key.
     */
    public static Optional<ValidationMeasure> validationMeasureOf(String key) {
        if (!key.matches(VALIDATION_KEY_PATTERN)) {
            return Optional.empty();
        }
        String measure = key.substring(key.lastIndexOf('/') + 1);
        if (measure.endsWith(DELTA_SUFFIX)) {
            measure = measure.substring(0, measure.length() - DELTA_SUFFIX.length());
        }
        return ValidationMeasure.byName(measure);
    }

    public static Optional<Metric> byKey(String key) {
        return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
    }
}
