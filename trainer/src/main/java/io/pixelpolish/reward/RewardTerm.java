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

    /**
     * The score as a per-pixel map {@code [B, 1, H, W]} for per-pixel rewards. Terms that only judge
     * whole images spread their image score over every pixel; local measures override this.
     */
    default NDArray scoreMap(RewardInput input) {
        long[] shape = input.luma().getShape().getShape();
        return score(input).reshape(shape[0], 1, 1, 1).broadcast(new ai.djl.ndarray.types.Shape(shape));
    }
}
