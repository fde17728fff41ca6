package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Moment-matching fits of the (asymmetric) generalized Gaussian distribution, as in the LIVE releases
 * of NIQE and BRISQUE ({@code estimateggdparam.m}, {@code estimateaggdparam.m}): the shape alpha is
 * the entry of the grid 0.2, 0.201, ..., 10 whose moment ratio is nearest to the samples' one. Every
 * fit runs on many sample groups at once, one per row.
 *
 * <p>Degenerate groups follow the reference too: a side without samples has a NaN deviation, and a
 * NaN or infinite moment ratio picks the first grid entry (alpha = 0.2), as {@code argmin} does there.
 */
final class GeneralizedGaussianFit {
    private static final double SHAPE_START = 0.2;
    private static final double SHAPE_STEP = 0.001;
    private static final int SHAPES = 9801;

    /**
     * The AGGD fit of each row.
     *
     * @param alpha shape
     * @param leftStd root mean square of the negative samples
     * @param rightStd root mean square of the positive samples
     * @param scale {@code sqrt(Gamma(1/alpha) / Gamma(3/alpha))}: turns a deviation into the AGGD's beta
     * @param meanRatio {@code Gamma(2/alpha) / Gamma(1/alpha)}: beta difference to distribution mean
     */
    record Aggd(NDArray alpha, NDArray leftStd, NDArray rightStd, NDArray scale, NDArray meanRatio) {}

    /** The GGD fit of each row: shape and variance (the mean square; MSCN values have mean ~0). */
    record Ggd(NDArray alpha, NDArray variance) {}

    private GeneralizedGaussianFit() {}

    /** @param samples {@code [N, M]} float64 */
    static Aggd aggd(NDArray samples) {
        Grid grid = new Grid(samples.getManager());
        NDArray negative = samples.lt(0).toType(DataType.FLOAT64, false);
        NDArray positive = samples.gt(0).toType(DataType.FLOAT64, false);
        NDArray squares = samples.mul(samples);
        NDArray leftStd = squares.mul(negative)
                .sum(new int[] {1})
                .divi(negative.sum(new int[] {1}))
                .sqrt();
        NDArray rightStd = squares.mul(positive)
                .sum(new int[] {1})
                .divi(positive.sum(new int[] {1}))
                .sqrt();
        NDArray g = leftStd.div(rightStd);
        NDArray meanAbs = samples.abs().mean(new int[] {1});
        NDArray rHat = meanAbs.mul(meanAbs).divi(squares.mean(new int[] {1}));
        NDArray g2 = g.mul(g);
        NDArray rHatNorm =
                rHat.muli(g2.mul(g).addi(1)).muli(g.add(1)).divi(g2.addi(1).square());
        NDArray index = grid.nearest(grid.aggdRatio, rHatNorm);
        return new Aggd(grid.shape.take(index), leftStd, rightStd, grid.scale.take(index), grid.meanRatio.take(index));
    }

    /** @param samples {@code [N, M]} float64 */
    static Ggd ggd(NDArray samples) {
        Grid grid = new Grid(samples.getManager());
        NDArray variance = samples.mul(samples).mean(new int[] {1});
        NDArray meanAbs = samples.abs().mean(new int[] {1});
        NDArray rho = variance.div(meanAbs.mul(meanAbs));
        // The GGD ratio Gamma(1/a) Gamma(3/a) / Gamma(2/a)^2 is the reciprocal of the AGGD one and so
        // decreases with a; negating both keeps the distances the reference compares.
        NDArray index = grid.nearest(grid.aggdRatio.pow(-1).negi(), rho.neg());
        return new Ggd(grid.shape.take(index), variance);
    }

    /** The shape grid and the Gamma-function ratios at each of its entries, in float64. */
    private static final class Grid {
        private static final int SEARCH_STEPS = 32 - Integer.numberOfLeadingZeros(SHAPES);
        final NDArray shape;
        final NDArray aggdRatio;
        final NDArray scale;
        final NDArray meanRatio;

        Grid(NDManager manager) {
            shape = manager.arange(0, SHAPES, 1, DataType.FLOAT64)
                    .muli(SHAPE_STEP)
                    .addi(SHAPE_START);
            NDArray lnGamma1 = shape.pow(-1).gammaln();
            NDArray lnGamma2 = shape.pow(-1).muli(2).gammaln();
            NDArray lnGamma3 = shape.pow(-1).muli(3).gammaln();
            aggdRatio = lnGamma2.mul(2).subi(lnGamma1).subi(lnGamma3).exp();
            scale = lnGamma1.sub(lnGamma3).muli(0.5).exp();
            meanRatio = lnGamma2.sub(lnGamma1).exp();
        }

        /**
         * For each value, the index of the nearest entry of the increasing {@code table}, the first one
         * on a tie: what the reference's exhaustive {@code argmin((table - x)^2)} returns, found by a
         * binary search so memory stays linear in the number of values.
         */
        NDArray nearest(NDArray table, NDArray values) {
            NDManager manager = values.getManager();
            long last = table.getShape().get(0) - 1;
            // Bounds are whole numbers kept in float64, where halving and flooring are exact.
            NDArray low = manager.zeros(values.getShape(), DataType.FLOAT64);
            NDArray high = manager.full(values.getShape(), (float) (last + 1), DataType.FLOAT64);
            for (int step = 0; step < SEARCH_STEPS; step++) {
                NDArray middle = low.add(high).muli(0.5).floor();
                NDArray below = at(table, middle.clip(0, last)).lt(values).logicalAnd(middle.lt(high));
                low = NDArrays.where(below, middle.add(1), low);
                high = NDArrays.where(below, high, middle);
            }
            // low = number of entries below the value; the nearest is that entry or the one before it.
            NDArray upper = low.clip(0, last);
            NDArray lower = low.sub(1).clip(0, last);
            NDArray lowerDistance = values.sub(at(table, lower)).abs();
            NDArray upperDistance = at(table, upper).sub(values).abs();
            NDArray index = NDArrays.where(lowerDistance.lte(upperDistance), lower, upper);
            NDArray undefined = values.isInfinite().logicalOr(values.isNaN());
            return NDArrays.where(undefined, index.zerosLike(), index).toType(DataType.INT64, false);
        }

        private static NDArray at(NDArray table, NDArray index) {
            return table.take(index.toType(DataType.INT64, false));
        }
    }
}
