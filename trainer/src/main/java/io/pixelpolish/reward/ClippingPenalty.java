package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.pixelpolish.tensor.ImageStats;

/**
 * Minus the share of channel values the enhancement clipped: stored as 0 or 255 in 8 bits now but
 * not in the image the episode started from. The exposure and entropy terms pay for steeper
 * curves, and a steep curve buys its contrast by blowing out highlights and crushing shadows,
 * which no other term sees (in the sweep behind release v2 the clipped share tripled between
 * updates 50 and 150 while NIQE worsened). Values already clipped in the input are neither cost
 * nor paid: counting them paid the policy for lifting true blacks to gray and, on infrared frames
 * whose display stretch saturates their extremes by design, for flattening them. Judged per
 * channel, so a sky that saturates in blue alone still counts.
 */
public final class ClippingPenalty implements RewardTerm {
    private static final float LOW = 0.5f / 255f;
    private static final float HIGH = 254.5f / 255f;

    @Override
    public String name() {
        return "clipping";
    }

    @Override
    public NDArray score(RewardInput input) {
        return ImageStats.perImageMean(scoreMap(input));
    }

    /** Per pixel, minus the share of its three channels the enhancement clipped, {@code [B, 1, H, W]}. */
    @Override
    public NDArray scoreMap(RewardInput input) {
        return clipped(input.rgb())
                .logicalAnd(clipped(input.episodeStart()).logicalNot())
                .toType(DataType.FLOAT32, false)
                .mean(new int[] {1}, true)
                .neg();
    }

    private static NDArray clipped(NDArray rgb) {
        return rgb.lt(LOW).logicalOr(rgb.gt(HIGH));
    }
}
