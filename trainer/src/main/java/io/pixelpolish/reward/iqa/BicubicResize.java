package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Bicubic resizing exactly as PyTorch's {@code F.interpolate(x, size, mode='bicubic',
 * align_corners=False)} without antialiasing: output pixel j samples the input at {@code (j + 0.5) *
 * in / out - 0.5} with the cubic convolution kernel of a = -0.75 over four neighbours, edge indices
 * clamped. Each axis is one matrix of weights, so a resize is two matrix products on the device.
 */
final class BicubicResize {
    private static final double A = -0.75;

    private BicubicResize() {}

    /**
     * @param x {@code [B, C, H, W]} float32
     * @return {@code [B, C, height, width]}
     */
    static NDArray of(NDArray x, long height, long width) {
        Shape shape = x.getShape();
        NDManager manager = x.getManager();
        try (NDArray rows = manager.create(weights(shape.get(2), height), new Shape(height, shape.get(2)));
                NDArray columns = manager.create(weights(shape.get(3), width), new Shape(width, shape.get(3)))) {
            // [out_h, H] x [B, C, H, W] x [W, out_w]
            return rows.matMul(x).matMul(columns.transpose());
        }
    }

    /** Row j: the weight of each input pixel in output pixel j. */
    private static float[] weights(long in, long out) {
        float[] matrix = new float[(int) (out * in)];
        double scale = (double) in / out;
        for (int j = 0; j < out; j++) {
            double source = (j + 0.5) * scale - 0.5;
            long base = (long) Math.floor(source);
            double t = source - base;
            for (int k = -1; k <= 2; k++) {
                long index = Math.min(in - 1, Math.max(0, base + k));
                matrix[(int) (j * in + index)] += (float) cubic(k - t);
            }
        }
        return matrix;
    }

    private static double cubic(double x) {
        double a = Math.abs(x);
        if (a <= 1) {
            return ((A + 2) * a - (A + 3)) * a * a + 1;
        }
        if (a < 2) {
            return ((A * a - 5 * A) * a + 8 * A) * a - 4 * A;
        }
        return 0;
    }
}
