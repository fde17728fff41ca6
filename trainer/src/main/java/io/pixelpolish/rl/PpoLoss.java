package io.pixelpolish.rl;

import ai.djl.ndarray.NDArray;

/** The pieces of PPO's objective, as pure tensor functions (no in-place ops: they are differentiated). */
public final class PpoLoss {
    private PpoLoss() {}

    /**
     * Clipped surrogate loss {@code -mean(min(r * A, clip(r, 1 - eps, 1 + eps) * A))}.
     *
     * @param ratio probability ratios, one per exploration block {@code [M, h, w]}
     * @param advantages broadcastable to {@code ratio}: {@code [M, 1, 1]} per image or {@code [M, h, w]} per block
     */
    public static NDArray clippedSurrogate(NDArray ratio, NDArray advantages, float clipRatio) {
        NDArray unclipped = ratio.mul(advantages);
        NDArray clipped = ratio.clip(1 - clipRatio, 1 + clipRatio).mul(advantages);
        return unclipped.minimum(clipped).mean().neg();
    }

    /** Share of ratios outside the clip range. */
    public static NDArray clipFraction(NDArray ratio, float clipRatio) {
        return ratio.sub(1f)
                .abs()
                .gt(clipRatio)
                .toType(ai.djl.ndarray.types.DataType.FLOAT32, false)
                .mean();
    }

    /** Low-variance KL estimate {@code mean((r - 1) - log r)} (Schulman's k3). */
    public static NDArray approxKl(NDArray ratio, NDArray logRatio) {
        return ratio.sub(1f).subi(logRatio).mean();
    }
}
