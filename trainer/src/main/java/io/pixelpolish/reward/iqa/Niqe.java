package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.tensor.Shapes;

/**
 * NIQE, the Natural Image Quality Evaluator (Mittal, Soundararajan and Bovik, "Making a 'Completely
 * Blind' Image Quality Analyzer", IEEE SPL 2013): a multivariate Gaussian fitted to 36 natural-scene
 * features of the image's 96x96 blocks, compared with one fitted to pristine images. Lower is better;
 * typical photographs score 2 to 8.
 *
 * <p>Per block, at full and half scale (MATLAB's antialiased bicubic), 18 features of the MSCN
 * coefficients (replicated borders): the AGGD shape and mean beta of the coefficients, and shape, mean
 * and both betas of their products with the right, lower and two diagonal neighbours (wrapping inside
 * the block). The image is cut to whole blocks from the top left; the score is {@code sqrt((mu_p -
 * mu_d)^T ((S_p + S_d) / 2)^-1 (mu_p - mu_d))}, with the distorted mean over each feature's defined
 * values and the covariance over the blocks whose features are all defined, as the LIVE release does.
 *
 * <p>Input: {@code [B, 1, H, W]} gray or {@code [B, 3, H, W]} RGB in [0, 1], prepared as {@link
 * EightBitLuma} describes (the 8-bit BT.601 Y of colour images). An image with fewer than two whole
 * blocks (or fewer than two fully defined ones, e.g. a flat image) has no covariance and scores NaN.
 */
public final class Niqe extends DeviceMetric {
    public static final String NAME = "niqe";
    /** Side of the square blocks the features are computed on. */
    public static final int BLOCK = io.pixelpolish.config.PixelPolishConfig.Reward.NIQE_BLOCK;

    private static final int FEATURES = 36;
    private static final int FITS_PER_BLOCK = 5;
    /** Neighbour shifts (row, column) of the paired products, in the feature order of the model. */
    private static final int[][] SHIFTS = {{0, 1}, {1, 0}, {1, 1}, {1, -1}};

    /** The pristine model: mean and covariance of the 36 features over LIVE's pristine image blocks. */
    record PristineModel(double[] mean, double[][] covariance) {}

    private final double[] pristineMean;
    private final double[] pristineCovariance;

    private Niqe(PristineModel model) {
        super(NAME, true);
        String source = "niqe_pristine.json";
        pristineMean = ModelResource.requireLength(model.mean(), FEATURES, source + " mean");
        ModelResource.requireCount(model.covariance().length, FEATURES, source + " covariance rows");
        pristineCovariance = new double[FEATURES * FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            double[] row =
                    ModelResource.requireLength(model.covariance()[i], FEATURES, source + " covariance row " + i);
            System.arraycopy(row, 0, pristineCovariance, i * FEATURES, FEATURES);
        }
    }

    /** NIQE with the pristine model of the LIVE release. */
    public static Niqe pristine() {
        return new Niqe(ModelResource.read("niqe_pristine.json", PristineModel.class));
    }

    /** Whether an image of this size has the two whole blocks NIQE needs. */
    public static boolean fits(long height, long width) {
        return (height / BLOCK) * (width / BLOCK) >= 2;
    }

    @Override
    NDArray compute(NDArray images) {
        long batch = images.getShape().get(0);
        NDArray luma = EightBitLuma.of(images, EightBitLuma.Colour.STUDIO_Y);
        long rows = luma.getShape().get(2) / BLOCK;
        long columns = luma.getShape().get(3) / BLOCK;
        if (!fits(luma.getShape().get(2), luma.getShape().get(3))) {
            return luma.getManager().full(new Shape(batch), Float.NaN);
        }
        NDArray whole = luma.get(":, :, 0:" + rows * BLOCK + ", 0:" + columns * BLOCK);
        NDArray features = NDArrays.concat(
                new NDList(
                        blockFeatures(Mscn.of(whole, SeparableFilter.Edge.REPLICATE), BLOCK),
                        blockFeatures(Mscn.of(MatlabHalfScale.of(whole), SeparableFilter.Edge.REPLICATE), BLOCK / 2)),
                2);
        return distance(Shapes.require(features, "NIQE features", batch, rows * columns, FEATURES))
                .toType(DataType.FLOAT32, false);
    }

    /** {@code [B, 1, H, W]} coefficients to {@code [B, blocks, 18]} features of {@code side}-pixel blocks. */
    private static NDArray blockFeatures(NDArray mscn, int side) {
        Shape shape = mscn.getShape();
        long batch = shape.get(0);
        long rows = shape.get(2) / side;
        long columns = shape.get(3) / side;
        NDArray blocks = mscn.reshape(batch, rows, side, columns, side)
                .transpose(0, 1, 3, 2, 4)
                .reshape(-1, side, side);
        NDList groups = new NDList(blocks);
        for (int[] shift : SHIFTS) {
            groups.add(NeighbourProducts.of(blocks, shift[0], shift[1]));
        }
        GeneralizedGaussianFit.Aggd fit =
                GeneralizedGaussianFit.aggd(NDArrays.stack(groups, 1).reshape(-1, (long) side * side));
        NDArray alpha = fit.alpha().reshape(-1, FITS_PER_BLOCK);
        NDArray betaLeft = fit.leftStd().mul(fit.scale()).reshape(-1, FITS_PER_BLOCK);
        NDArray betaRight = fit.rightStd().mul(fit.scale()).reshape(-1, FITS_PER_BLOCK);
        NDArray meanRatio = fit.meanRatio().reshape(-1, FITS_PER_BLOCK);
        NDList columnsOut = new NDList(
                alpha.get(":, 0"),
                betaLeft.get(":, 0").add(betaRight.get(":, 0")).divi(2));
        for (int k = 1; k < FITS_PER_BLOCK; k++) {
            columnsOut.add(alpha.get(":, " + k));
            columnsOut.add(betaRight.get(":, " + k).sub(betaLeft.get(":, " + k)).muli(meanRatio.get(":, " + k)));
            columnsOut.add(betaLeft.get(":, " + k));
            columnsOut.add(betaRight.get(":, " + k));
        }
        return NDArrays.stack(columnsOut, 1).reshape(batch, rows * columns, FEATURES / 2);
    }

    /** Eq. 10 of the paper per image, from {@code [B, blocks, 36]} features; NaN without a covariance. */
    private NDArray distance(NDArray features) {
        NDManager manager = features.getManager();
        long batch = features.getShape().get(0);
        NDArray undefined = features.isNaN();
        NDArray defined = undefined.logicalNot().toType(DataType.FLOAT64, false);
        NDArray values = NDArrays.where(undefined, features.zerosLike(), features);
        NDArray mean = values.sum(new int[] {1}).divi(defined.sum(new int[] {1}));

        NDArray complete = undefined
                .toType(DataType.FLOAT64, false)
                .sum(new int[] {2}, true)
                .eq(0)
                .toType(DataType.FLOAT64, false);
        NDArray count = complete.sum(new int[] {1, 2});
        NDArray completeMean = values.mul(complete).sum(new int[] {1}).divi(count.reshape(batch, 1));
        NDArray centered = values.sub(completeMean.expandDims(1)).muli(complete);
        NDArray covariance = centered.transpose(0, 2, 1)
                .batchMatMul(centered)
                .divi(count.sub(1).reshape(batch, 1, 1));

        NDArray hasCovariance = count.gte(2);
        NDArray pristineCov = manager.create(pristineCovariance, new Shape(1, FEATURES, FEATURES));
        NDArray pooled = covariance.addi(pristineCov).divi(2);
        // Images without a covariance get the identity, so inverting the batch cannot fail; their
        // score is replaced by NaN below.
        NDArray eye = manager.eye(FEATURES, FEATURES, 0, DataType.FLOAT64)
                .expandDims(0)
                .broadcast(pooled.getShape());
        NDArray invertible =
                NDArrays.where(hasCovariance.reshape(batch, 1, 1).broadcast(pooled.getShape()), pooled, eye);
        NDArray difference = manager.create(pristineMean, new Shape(1, FEATURES))
                .sub(NDArrays.where(
                        hasCovariance.reshape(batch, 1).broadcast(mean.getShape()), mean, mean.zerosLike()));
        NDArray quadratic = difference
                .expandDims(1)
                .batchMatMul(invertible.inverse())
                .batchMatMul(difference.expandDims(2))
                .reshape(batch);
        return NDArrays.where(
                hasCovariance, quadratic.sqrt(), quadratic.zerosLike().addi(Double.NaN));
    }
}
