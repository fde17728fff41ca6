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
public final class ExposureControl implements RewardTerm {
    private final int patch;
    private final float target;
    private final boolean darkens;

    public ExposureControl(int patch, double target, boolean darkens) {
        this.patch = patch;
        this.target = (float) target;
        this.darkens = darkens;
    }

    @Override
    public String name() {
        return "exposure";
    }

    @Override
    public NDArray score(RewardInput input) {
        return ImageStats.perImageMean(closeness(input.luma()));
    }

    /** Each pixel earns its patch's closeness to the target. */
    @Override
    public NDArray scoreMap(RewardInput input) {
        NDArray luma = input.luma();
        return ImageStats.expandBlocks(closeness(luma), patch, luma.getShape().get(2), luma.getShape().get(3));
    }

    /** {@code -|patch mean - target|} (or {@code -max(0, target - patch mean)}), {@code [B, 1, ceil(H/patch), ceil(W/patch)]}. */
    private NDArray closeness(NDArray luma) {
        Shape window = new Shape(patch, patch);
        NDArray offset = Pool.avgPool2d(luma, window, window, new Shape(0, 0), true, false).sub(target);
        return darkens ? offset.abs().neg() : offset.minimum(0f);
    }
}
