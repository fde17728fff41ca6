package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Shannon entropy (bits) of a soft luminance histogram: rewards using the whole tonal range. Each
 * pixel spreads a unit of mass over nearby bins with a Gaussian kernel half a bin wide, so small
 * tone changes move the score smoothly instead of jumping at bin edges.
 */
public final class SoftHistogramEntropy implements RewardTerm {
    private static final double LOG2 = Math.log(2);
    private final int bins;

    public SoftHistogramEntropy(int bins) {
        this.bins = bins;
    }

    @Override
    public String name() {
        return "entropy";
    }

    @Override
    public NDArray score(RewardInput input) {
        NDArray luma = input.luma();
        long batch = luma.getShape().get(0);
        float[] centers = new float[bins];
        for (int k = 0; k < bins; k++) {
            centers[k] = (k + 0.5f) / bins;
        }
        float inverseWidth = 2f * bins;
        try (NDArray centerArray = luma.getManager().create(centers, new Shape(1, 1, bins))) {
            NDArray z = luma.reshape(batch, -1, 1).sub(centerArray).muli(inverseWidth);
            NDArray mass = z.muli(z).muli(-0.5f).exp();
            mass = mass.divi(mass.sum(new int[] {2}, true));
            NDArray p = mass.mean(new int[] {1});
            return p.mul(p.add(1e-12f).log()).sum(new int[] {1}).muli((float) (-1 / LOG2));
        }
    }
}
