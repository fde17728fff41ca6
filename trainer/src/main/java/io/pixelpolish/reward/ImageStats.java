package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.model.Shapes;

/** Tensor helpers shared by the reward terms. */
public final class ImageStats {
    private static final float[] LUMA_WEIGHTS = {0.299f, 0.587f, 0.114f};

    private ImageStats() {}

    /**
     * ITU-R BT.601 luma of {@code [B, 3, H, W]} images as {@code [B, 1, H, W]}; gray images replicated
     * to three channels come back unchanged because the weights sum to one.
     */
    public static NDArray luma(NDArray rgb) {
        Shapes.require(rgb, "images", Shapes.ANY, 3, Shapes.ANY, Shapes.ANY);
        try (NDArray weights = rgb.getManager().create(LUMA_WEIGHTS, new Shape(1, 3, 1, 1))) {
            return rgb.mul(weights).sum(new int[] {1}, true);
        }
    }

    /** Mean over every axis but the first: {@code [B, ...] -> [B]}. */
    public static NDArray perImageMean(NDArray x) {
        return x.reshape(x.getShape().get(0), -1).mean(new int[] {1});
    }
}
