package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * Well-exposedness, after Zero-DCE's exposure control loss (Guo et al., CVPR 2020): minus the mean
 * distance of local brightness (the luma averaged over {@code patch x patch} blocks) from a target
 * level. The contrast terms alone pay for ever harsher curves; this term pays for landing at a
 * natural brightness, the one thing a no-reference reward otherwise cannot know. Zero-DCE pulls
 * bright patches down to the target too; with {@code darkens} off only patches below it pay, so a
 * white wall in a dark room stays white instead of being dimmed to mid-gray.
 */
public final class ExposureControl extends BlockTerm {
    private final float target;
    private final boolean darkens;

    public ExposureControl(int patch, double target, boolean darkens) {
        super(patch);
        this.target = (float) target;
        this.darkens = darkens;
    }

    @Override
    public String name() {
        return "exposure";
    }

    /** {@code -|patch mean - target|} (or {@code -max(0, target - patch mean)}), {@code [B, 1, ceil(H/patch), ceil(W/patch)]}. */
    @Override
    protected NDArray perBlock(NDArray luma) {
        Shape window = new Shape(block, block);
        NDArray offset = Pool.avgPool2d(luma, window, window, new Shape(0, 0), true, false)
                .sub(target);
        return darkens ? offset.abs().neg() : offset.minimum(0f);
    }
}
