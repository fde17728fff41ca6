package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import io.pixelpolish.tensor.ImageStats;

/**
 * A term judged block by block on the luma: the image scores the mean over its blocks, and in
 * per-pixel mode each pixel earns its block's value.
 */
abstract class BlockTerm implements RewardTerm {
    protected final int block;

    protected BlockTerm(int block) {
        this.block = block;
    }

    /** The statistic of every {@code block x block} block of {@code luma [B, 1, H, W]}: {@code [B, 1, h, w]}. */
    protected abstract NDArray perBlock(NDArray luma);

    @Override
    public final NDArray score(RewardInput input) {
        return ImageStats.perImageMean(perBlock(input.luma()));
    }

    @Override
    public final NDArray scoreMap(RewardInput input) {
        NDArray luma = input.luma();
        return ImageStats.expandBlocks(
                perBlock(luma), block, luma.getShape().get(2), luma.getShape().get(3));
    }
}
