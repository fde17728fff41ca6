package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import io.pixelpolish.tensor.ImageStats;
import io.pixelpolish.tensor.Shapes;

/**
 * A batch being scored: the RGB images {@code [B, 3, H, W]} in [0, 1], the images their episode
 * started from (terms that judge a change, such as clipping, compare with them) and the
 * luminance, computed once on first use and shared by every term that scores luminance.
 */
public final class RewardInput {
    private final NDArray rgb;
    private final NDArray episodeStart;
    private NDArray luma;

    /** Images scored as the start of their own episode. */
    public RewardInput(NDArray rgb) {
        this(rgb, rgb);
    }

    public RewardInput(NDArray rgb, NDArray episodeStart) {
        this.rgb = Shapes.require(rgb, "images", Shapes.ANY, 3, Shapes.ANY, Shapes.ANY);
        this.episodeStart = Shapes.require(
                episodeStart, "episode start images", rgb.getShape().getShape());
    }

    public NDArray rgb() {
        return rgb;
    }

    /** The images this episode started from, {@code [B, 3, H, W]}. */
    public NDArray episodeStart() {
        return episodeStart;
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
