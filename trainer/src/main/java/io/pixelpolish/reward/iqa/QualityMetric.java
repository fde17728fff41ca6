package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;

/**
 * A no-reference image quality measure computed with tensor ops on the images' device. Scores come
 * back raw, in the measure's own units and direction; the reward terms turn them into "higher is
 * better".
 */
public interface QualityMetric {

    /** The measure's name, also its key under {@code reward.weights}. */
    String name();

    /** Whether a lower score means a better image (NIQE, BRISQUE). */
    boolean lowerIsBetter();

    /**
     * Scores each image of a batch.
     *
     * @param images {@code [B, 3, H, W]} RGB (three equal channels are gray) or {@code [B, 1, H, W]}
     *     gray, values in [0, 1]; a value of 1 is the white of an 8-bit image (code 255)
     * @return {@code [B]} float32 raw scores, in the images' manager; NaN where the measure is
     *     undefined for an image
     */
    NDArray score(NDArray images);
}
