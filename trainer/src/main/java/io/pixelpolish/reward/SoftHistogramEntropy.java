package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.pixelpolish.tensor.ImageStats;

/**
 * Shannon entropy (bits) of a soft luminance histogram: rewards using the whole tonal range. Each
 * pixel spreads a unit of mass over nearby bins with a Gaussian kernel half a bin wide, so small
 * tone changes move the score smoothly instead of jumping at bin edges.
 */
public final class SoftHistogramEntropy implements RewardTerm {
    private static final double LOG2 = Math.log(2);
    private final int bins;
    private final int window;

    /** @param window side of the square windows whose local entropy {@link #scoreMap} reports */
    public SoftHistogramEntropy(int bins, int window) {
        this.bins = bins;
        this.window = window;
    }

    @Override
    public String name() {
        return "entropy";
    }

    @Override
    public NDArray score(RewardInput input) {
        NDArray luma = input.luma();
        return bits(binMass(luma).reshape(luma.getShape().get(0), -1, bins).mean(new int[] {1}), 1);
    }

    /**
     * The entropy of each {@code window x window} neighbourhood (windows on a grid), given to every
     * pixel of the window.
     */
    @Override
    public NDArray scoreMap(RewardInput input) {
        NDArray luma = input.luma();
        Shape size = luma.getShape();
        NDArray perPixel = binMass(luma).transpose(0, 3, 1, 2);
        Shape side = new Shape(window, window);
        NDArray histograms = Pool.avgPool2d(perPixel, side, side, new Shape(0, 0), true, false);
        NDArray entropy = bits(histograms, 1).expandDims(1);
        return ImageStats.expandBlocks(entropy, window, size.get(2), size.get(3));
    }

    /** Each pixel's unit of mass spread over the bins: {@code [B, 1, H, W] -> [B, H, W, bins]}. */
    private NDArray binMass(NDArray luma) {
        float[] centers = new float[bins];
        for (int k = 0; k < bins; k++) {
            centers[k] = (k + 0.5f) / bins;
        }
        float inverseWidth = 2f * bins;
        try (NDArray centerArray = luma.getManager().create(centers, new Shape(1, 1, 1, bins))) {
            Shape size = luma.getShape();
            NDArray z = luma.reshape(size.get(0), size.get(2), size.get(3), 1)
                    .sub(centerArray)
                    .muli(inverseWidth);
            NDArray mass = z.muli(z).muli(-0.5f).exp();
            return mass.divi(mass.sum(new int[] {3}, true));
        }
    }

    /** Shannon entropy in bits of the distributions along {@code axis}. */
    private static NDArray bits(NDArray p, int axis) {
        return p.mul(p.add(1e-12f).log()).sum(new int[] {axis}).muli((float) (-1 / LOG2));
    }
}
