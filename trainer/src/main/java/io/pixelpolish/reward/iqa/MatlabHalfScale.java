package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * MATLAB's {@code imresize(I, 0.5)}: bicubic (a = -0.5) with antialiasing, the second scale of NIQE and
 * BRISQUE. At a factor of exactly 1/2 every output pixel sits halfway between two input pixels, so the
 * stretched kernel becomes one fixed 8-tap filter applied with stride 2; MATLAB mirrors the image at
 * its edges (the edge pixel repeated), and so does this.
 */
final class MatlabHalfScale {
    private static final int TAPS = 8;
    /** Taps before the output pixel's first input pixel: output j reads inputs 2j-3 .. 2j+4. */
    private static final int LEAD = 3;

    private static final double[] KERNEL = kernel();

    private MatlabHalfScale() {}

    /**
     * @param image {@code [B, 1, H, W]} float32
     * @return {@code [B, 1, ceil(H/2), ceil(W/2)]} float32, filtered in float64 and rounded back (see
     *     {@link Mscn} for why)
     */
    static NDArray of(NDArray image) {
        NDArray x = image.toType(DataType.FLOAT64, false);
        return halve(halve(x, 2), 3).toType(DataType.FLOAT32, false);
    }

    private static NDArray halve(NDArray x, int axis) {
        long n = x.getShape().get(axis);
        // The last output, (n + 1) / 2 - 1, reads up to input n + 1 (n even) or n + 2 (n odd).
        int trail = (int) (2 * ((n + 1) / 2 - 1) + TAPS - LEAD - n);
        return SeparableFilter.along(x, axis, KERNEL, 2, LEAD, trail, SeparableFilter.Edge.SYMMETRIC);
    }

    /** Keys' cubic at half scale, sampled at the eight input pixels around the output position. */
    private static double[] kernel() {
        double[] k = new double[TAPS];
        double sum = 0;
        for (int i = 0; i < TAPS; i++) {
            k[i] = cubic(0.5 * (i - (TAPS - 1) / 2.0));
            sum += k[i];
        }
        for (int i = 0; i < TAPS; i++) {
            k[i] /= sum;
        }
        return k;
    }

    private static double cubic(double x) {
        double a = Math.abs(x);
        if (a <= 1) {
            return 1.5 * a * a * a - 2.5 * a * a + 1;
        }
        if (a <= 2) {
            return -0.5 * a * a * a + 2.5 * a * a - 4 * a + 2;
        }
        return 0;
    }
}
