package io.pixelpolish.testing;

/** The smallest and largest of some pixel values, for assertions on whole images. */
public record PixelRange(float min, float max) {

    public static PixelRange of(float[] values) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        return new PixelRange(min, max);
    }
}
