package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Mean-subtracted contrast-normalised coefficients {@code (I - mu) / (sigma + 1)}, with mu and sigma
 * the local mean and deviation under a 7x7 Gaussian window of sigma 7/6 (Eq. 1 of the NIQE and BRISQUE
 * papers). Natural images give nearly Gaussian coefficients; distortions change their shape, which the
 * {@link GeneralizedGaussianFit} features measure.
 */
final class Mscn {
    private static final int RADIUS = 3;
    private static final double SIGMA = 7.0 / 6.0;
    /**
     * MATLAB's {@code fspecial('gaussian', 7, 7/6)} is the outer product of this normalised 1-D
     * kernel with itself, so filtering rows then columns applies exactly that window.
     */
    private static final double[] TAPS = gaussian();

    private Mscn() {}

    /**
     * @param luma {@code [B, 1, H, W]} float32 on the 8-bit scale
     * @param edge how the window sees past the image border: {@code REPLICATE} for NIQE (MATLAB {@code
     *     imfilter(..., 'replicate')}), {@code ZERO} for BRISQUE ({@code filter2(..., 'same')})
     * @return coefficients {@code [B, 1, H, W]}, float64
     */
    static NDArray of(NDArray luma, SeparableFilter.Edge edge) {
        NDArray mu = blur(luma, edge);
        NDArray meanOfSquares = blur(luma.mul(luma), edge);
        NDArray sigma = meanOfSquares.subi(mu.mul(mu)).abs().sqrt();
        return luma.sub(mu).divi(sigma.addi(1f)).toType(DataType.FLOAT64, false);
    }

    /**
     * Filters in float64 and rounds the result to float32, as the reference (scipy's {@code convolve}
     * into a float32 output) does: a flat area then has a local mean equal to its value, so its
     * coefficients are exact zeros, which the AGGD fit leaves out of both sides. Summing the window in
     * float32 instead leaves signed rounding noise there that the fit would count.
     */
    private static NDArray blur(NDArray luma, SeparableFilter.Edge edge) {
        NDArray x = luma.toType(DataType.FLOAT64, false);
        NDArray rows = SeparableFilter.along(x, 2, TAPS, 1, RADIUS, RADIUS, edge);
        return SeparableFilter.along(rows, 3, TAPS, 1, RADIUS, RADIUS, edge).toType(DataType.FLOAT32, false);
    }

    private static double[] gaussian() {
        double[] taps = new double[2 * RADIUS + 1];
        double sum = 0;
        for (int i = 0; i < taps.length; i++) {
            double d = i - RADIUS;
            taps[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += taps[i];
        }
        for (int i = 0; i < taps.length; i++) {
            taps[i] /= sum;
        }
        return taps;
    }
}
