package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import io.pixelpolish.tensor.ImageStats;

/**
 * Mean Sobel gradient magnitude: rewards visible edges and detail. Computed on the valid interior
 * only, because zero padding would add a bright frame whose edges reward plain brightening.
 */
public final class SobelGradient implements RewardTerm {
    private static final float[] KERNELS = {
        -1, 0, 1, -2, 0, 2, -1, 0, 1, // d/dx
        -1, -2, -1, 0, 0, 0, 1, 2, 1 // d/dy
    };

    @Override
    public String name() {
        return "gradient";
    }

    @Override
    public NDArray score(RewardInput input) {
        return ImageStats.perImageMean(magnitude(input.luma()));
    }

    /** Per-pixel magnitude with replicated borders, so border pixels are judged on their own content. */
    @Override
    public NDArray scoreMap(RewardInput input) {
        return magnitude(ImageStats.pad(input.luma(), 1, ImageStats.Border.REPLICATE));
    }

    /** Per-pixel gradient magnitude, {@code [B, 1, H-2, W-2]}. */
    public static NDArray magnitude(NDArray luma) {
        try (NDArray kernels = luma.getManager().create(KERNELS, new Shape(2, 1, 3, 3))) {
            NDArray g = Conv2d.conv2d(luma, kernels).singletonOrThrow();
            return g.muli(g).sum(new int[] {1}, true).addi(1e-12f).sqrt();
        }
    }
}
