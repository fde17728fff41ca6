package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import java.util.function.UnaryOperator;

/**
 * BRISQUE, the Blind/Referenceless Image Spatial Quality Evaluator (Mittal, Moorthy and Bovik, "No-
 * Reference Image Quality Assessment in the Spatial Domain", IEEE TIP 2012): 36 natural-scene features
 * of the whole image regressed onto LIVE's opinion scores by a support vector machine. Lower is
 * better; the scale runs roughly from 0 (best) to 100.
 *
 * <p>At full and half scale (MATLAB's antialiased bicubic), 18 features of the MSCN coefficients (zero
 * borders, MATLAB's {@code filter2}): the GGD shape and variance of the coefficients, then shape, mean
 * and left and right variance of the AGGD of their products with the right, lower and two diagonal
 * neighbours (circular shifts). This is {@code brisque_feature.m} of the LIVE release, and the SVR is
 * that release's model trained on all of LIVE ({@code allmodel}, {@code allrange}); OpenCV's retrained
 * model expects its own features and is not interchangeable.
 *
 * <p>Input: {@code [B, 1, H, W]} gray or {@code [B, 3, H, W]} RGB in [0, 1], prepared as {@link
 * EightBitLuma} describes (colour through MATLAB's {@code rgb2gray}, as {@code brisquescore.m} does).
 * Any size from 8x8 works.
 */
public final class Brisque extends DeviceMetric {
    public static final String NAME = "brisque";
    /** Name of the variant with the LIVE MATLAB release's antialiased half scale. */
    public static final String RELEASE_NAME = "brisque_release";

    private static final int FEATURES = 36;
    private static final String MODEL = "brisque_live.json";
    /** Neighbour shifts (row, column) of the paired products, in {@code brisque_feature.m}'s order. */
    private static final int[][] SHIFTS = {{0, 1}, {1, 0}, {1, 1}, {-1, 1}};

    private final SupportVectorRegression regression;
    private final UnaryOperator<NDArray> halfScale;

    /**
     * @param halfScale how the second scale is made from the first, {@code [B, 1, H, W]} float32 to
     *     half size; the release uses MATLAB's {@code imresize(I, 0.5)}
     */
    Brisque(String name, SupportVectorRegression regression, UnaryOperator<NDArray> halfScale) {
        super(name, true);
        this.regression = regression;
        this.halfScale = halfScale;
    }

    /**
     * BRISQUE with LIVE's SVR and the second scale taken as every other pixel, as the reference scores
     * of this project's evaluation data and the published baseline figures were computed: the variant
     * to compare numbers with (see docs/iqa.md).
     */
    public static Brisque live() {
        return new Brisque(NAME, liveRegression(), luma -> luma.get(":, :, ::2, ::2"));
    }

    /**
     * BRISQUE exactly as the LIVE MATLAB release ({@code brisque_feature.m}) computes it: the second
     * scale by MATLAB's antialiased bicubic {@code imresize(I, 0.5)}. Scores run 8-28 points below
     * {@link #live()} on typical photos.
     */
    public static Brisque liveRelease() {
        return new Brisque(RELEASE_NAME, liveRegression(), MatlabHalfScale::of);
    }

    static SupportVectorRegression liveRegression() {
        return new SupportVectorRegression(
                ModelResource.read(MODEL, SupportVectorRegression.Model.class), FEATURES, MODEL);
    }

    @Override
    NDArray compute(NDArray images) {
        NDArray luma = EightBitLuma.of(images, EightBitLuma.Colour.GRAY);
        NDArray features = NDArrays.concat(
                new NDList(
                        scaleFeatures(Mscn.of(luma, SeparableFilter.Edge.ZERO)),
                        scaleFeatures(Mscn.of(halfScale.apply(luma), SeparableFilter.Edge.ZERO))),
                1);
        return regression.predict(features).toType(DataType.FLOAT32, false);
    }

    /** {@code [B, 1, H, W]} coefficients to the 18 features of one scale, {@code [B, 18]}. */
    private static NDArray scaleFeatures(NDArray mscn) {
        long batch = mscn.getShape().get(0);
        GeneralizedGaussianFit.Ggd ggd = GeneralizedGaussianFit.ggd(mscn.reshape(batch, -1));
        NDList products = new NDList(SHIFTS.length);
        for (int[] shift : SHIFTS) {
            products.add(NeighbourProducts.of(mscn, shift[0], shift[1]).reshape(batch, -1));
        }
        GeneralizedGaussianFit.Aggd fit =
                GeneralizedGaussianFit.aggd(NDArrays.stack(products, 1).reshape(batch * SHIFTS.length, -1));
        NDArray alpha = fit.alpha().reshape(batch, -1);
        NDArray left = fit.leftStd().reshape(batch, -1);
        NDArray right = fit.rightStd().reshape(batch, -1);
        NDArray mean = right.sub(left).muli(fit.meanRatio().mul(fit.scale()).reshape(batch, -1));
        NDList columns = new NDList(ggd.alpha(), ggd.variance());
        for (int k = 0; k < SHIFTS.length; k++) {
            String column = ":, " + k;
            columns.add(alpha.get(column));
            columns.add(mean.get(column));
            columns.add(left.get(column).square());
            columns.add(right.get(column).square());
        }
        return NDArrays.stack(columns, 1);
    }
}
