package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;

/**
 * One no-reference quality measure used as a reward term; higher is better (measures where lower
 * is better, such as NIQE, are negated by their term).
 */
public interface RewardTerm {

    /** The config key of this term under {@code reward.weights} / {@code reward.scales}. */
    String name();

    /** One score per image, {@code [B]}. */
    NDArray score(RewardInput input);
}
