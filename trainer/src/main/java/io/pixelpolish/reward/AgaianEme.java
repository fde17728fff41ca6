package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * Agaian's measure of enhancement: the mean over non-overlapping blocks of {@code 20 log10((max +
 * eps) / (min + eps))}. Rewards local contrast; {@code eps} keeps crushed blacks (min = 0) from
 * earning unbounded scores and makes the measure favour brighter blocks at equal ratios.
 */
public final class AgaianEme extends BlockTerm {
    private final float epsilon;

    public AgaianEme(int block, double epsilon) {
        super(block);
        this.epsilon = (float) epsilon;
    }

    @Override
    public String name() {
        return "eme";
    }

    /** {@code 20 log10((max + eps) / (min + eps))} per block, {@code [B, 1, H/block, W/block]}. */
    @Override
    protected NDArray perBlock(NDArray luma) {
        Shape window = new Shape(block, block);
        Shape noPadding = new Shape(0, 0);
        NDArray max = Pool.maxPool2d(luma, window, window, noPadding, false);
        NDArray min =
                Pool.maxPool2d(luma.neg(), window, window, noPadding, false).negi();
        NDArray ratio = max.addi(epsilon).divi(min.addi(epsilon));
        return ratio.log10().muli(20f);
    }
}
