package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.tensor.Shapes;

/**
 * The single luminance plane that NIQE and BRISQUE measure, on the 8-bit scale their models were
 * fitted on. Both models were trained on 8-bit images and their statistics react to the integer grid
 * (flat areas must normalise to exact zeros), so values are rounded to whole codes. Gray images (one
 * channel, or three identical channels) give {@code round(255 x)}; colour images are converted as the
 * measure's reference implementation does, see {@link Colour}. Values outside [0, 1] are clipped.
 */
final class EightBitLuma {

    /** How a colour image becomes one plane, with R, G, B in [0, 1]. */
    enum Colour {
        /**
         * The Y of MATLAB's {@code rgb2ycbcr} (ITU-R BT.601, studio range 16..235), {@code 16 + 65.481 R +
         * 128.553 G + 24.966 B}: BasicSR's NIQE ({@code convert_to='y'}), the convention of published
         * NIQE figures.
         */
        STUDIO_Y(new float[] {65.481f, 128.553f, 24.966f}, 16f),
        /**
         * MATLAB's {@code rgb2gray}, {@code 0.2989 R + 0.5870 G + 0.1140 B} on the full range: what the
         * LIVE BRISQUE release ({@code brisquescore.m}) feeds its features.
         */
        GRAY(new float[] {0.298936021293775f * 255, 0.587043074451121f * 255, 0.114020904255103f * 255}, 0f);

        private final float[] weights;
        private final float offset;

        Colour(float[] weights, float offset) {
            this.weights = weights;
            this.offset = offset;
        }
    }

    private EightBitLuma() {}

    /**
     * @param images {@code [B, 1, H, W]} or {@code [B, 3, H, W]} in [0, 1]
     * @return {@code [B, 1, H, W]} float32 whole numbers in [0, 255]
     */
    static NDArray of(NDArray images, Colour colour) {
        NDArray x = ImageInput.checked(images);
        Shape shape = x.getShape();
        NDArray gray = x.get(":, 0:1").mul(255f);
        if (shape.get(1) == 1) {
            return gray.round();
        }
        try (NDArray weights = x.getManager().create(colour.weights, new Shape(1, 3, 1, 1))) {
            NDArray converted = x.mul(weights).sum(new int[] {1}, true).addi(colour.offset);
            NDArray spread = x.max(new int[] {1}, true).sub(x.min(new int[] {1}, true));
            NDArray isGray = spread.reshape(shape.get(0), -1)
                    .max(new int[] {1})
                    .eq(0f)
                    .reshape(-1, 1, 1, 1)
                    .broadcast(gray.getShape());
            return Shapes.require(
                    NDArrays.where(isGray, gray, converted).round(),
                    "luma",
                    shape.get(0),
                    1,
                    shape.get(2),
                    shape.get(3));
        }
    }
}
