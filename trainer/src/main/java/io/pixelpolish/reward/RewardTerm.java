package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;

/** One no-reference quality measure, higher is better. */
public interface RewardTerm {

    /** The config key of this term under {@code reward.weights} / {@code reward.scales}. */
    String name();

    /**
     * @param luma luminance in [0, 1], {@code [B, 1, H, W]}
     * @return one score per image, {@code [B]}
     */
    NDArray score(NDArray luma);
}
