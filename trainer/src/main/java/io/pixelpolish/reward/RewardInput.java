package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import io.pixelpolish.tensor.ImageStats;
import io.pixelpolish.tensor.Shapes;

/**
 * A batch being scored: the RGB images {@code [B, 3, H, W]} in [0, 1] and their luminance,
 * computed once on first use and shared by every term that scores luminance.
 */
public final class RewardInput {
    private final NDArray rgb;
    private NDArray luma;

    public RewardInput(NDArray rgb) {
        this.rgb = Shapes.require(rgb, "images", Shapes.ANY, 3, Shapes.ANY, Shapes.ANY);
    }

    public NDArray rgb() {
        return rgb;
    }

    /** BT.601 luminance {@code [B, 1, H, W]}. */
    public NDArray luma() {
        if (luma == null) {
            luma = ImageStats.luma(rgb);
        }
        return luma;
    }

    public long batchSize() {
        return rgb.getShape().get(0);
    }
}
