package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A trained libsvm epsilon-SVR with an RBF kernel, evaluated on the device: features are first scaled
 * linearly from their training range onto [-1, 1] (libsvm's {@code svm-scale -r}, without clipping),
 * then {@code f(x) = sum_i c_i exp(-gamma |x - s_i|^2) - rho} ({@code svm-predict}).
 */
final class SupportVectorRegression {

    /** The model file's fields; vectors are dense, one row per support vector. */
    record Model(
            double gamma,
            double rho,
            double[] featureMin,
            double[] featureMax,
            double[] coefficients,
            double[][] supportVectors) {}

    private final String source;
    private final int features;
    private final double gamma;
    private final double rho;
    private final double[] offset;
    private final double[] factor;
    private final double[] coefficients;
    private final double[] supportVectors;

    SupportVectorRegression(Model model, int features, String source) {
        this.source = source;
        this.features = features;
        gamma = model.gamma();
        rho = model.rho();
        double[] min = ModelResource.requireLength(model.featureMin(), features, source + " feature_min");
        double[] max = ModelResource.requireLength(model.featureMax(), features, source + " feature_max");
        offset = new double[features];
        factor = new double[features];
        for (int i = 0; i < features; i++) {
            if (!(max[i] > min[i])) {
                throw new IllegalStateException(
                        source + " feature " + (i + 1) + ": expected min < max, got " + min[i] + ", " + max[i]);
            }
            factor[i] = 2 / (max[i] - min[i]);
            offset[i] = -1 - min[i] * factor[i];
        }
        coefficients = model.coefficients();
        int count = coefficients.length;
        ModelResource.requireCount(
                model.supportVectors().length, count, source + " support_vectors (one per coefficient)");
        supportVectors = new double[count * features];
        for (int i = 0; i < count; i++) {
            double[] vector =
                    ModelResource.requireLength(model.supportVectors()[i], features, source + " support vector " + i);
            System.arraycopy(vector, 0, supportVectors, i * features, features);
        }
    }

    /**
     * @param x {@code [B, features]} raw features, float64
     * @return {@code [B]} predictions, float64
     */
    NDArray predict(NDArray x) {
        NDManager manager = x.getManager();
        long count = coefficients.length;
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != features) {
            throw new IllegalArgumentException(
                    source + ": expected features of shape (B, " + features + "), got " + x.getShape());
        }
        NDArray scaled = x.mul(manager.create(factor, new Shape(1, features)))
                .addi(manager.create(offset, new Shape(1, features)));
        NDArray vectors = manager.create(supportVectors, new Shape(count, features));
        // |x - s|^2 = |x|^2 + |s|^2 - 2 x.s, for all pairs with one matrix product.
        NDArray distances = vectors.square()
                .sum(new int[] {1})
                .reshape(1, count)
                .add(scaled.square().sum(new int[] {1}, true))
                .subi(scaled.matMul(vectors.transpose()).muli(2))
                .maximum(0);
        NDArray kernel = distances.muli(-gamma).exp();
        return kernel.matMul(manager.create(coefficients, new Shape(count, 1)))
                .reshape(-1)
                .subi(rho)
                .toType(DataType.FLOAT64, false);
    }
}
