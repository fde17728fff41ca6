package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The input contract shared by every {@link QualityMetric}: gray or RGB batches in [0, 1]. */
final class ImageInput {
    private ImageInput() {}

    /**
     * @param images {@code [B, 1, H, W]} gray or {@code [B, 3, H, W]} RGB
     * @return the same as float32, values clipped to [0, 1]
     * @throws IllegalArgumentException for any other shape
     */
    static NDArray checked(NDArray images) {
        Shape shape = images.getShape();
        if (shape.dimension() != 4 || (shape.get(1) != 1 && shape.get(1) != 3)) {
            throw new IllegalArgumentException(
                    "images: expected shape (B, 1, H, W) for gray or (B, 3, H, W) for RGB, in [0, 1], got " + shape);
        }
        return images.toType(DataType.FLOAT32, false).clip(0f, 1f);
    }

    /** {@code [B, 3, H, W]} float32 in [0, 1]; gray images replicated to three channels. */
    static NDArray rgb(NDArray images) {
        NDArray x = checked(images);
        return x.getShape().get(1) == 1 ? x.repeat(1, 3) : x;
    }
}
