package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.pixelpolish.tensor.Shapes;

/**
 * PSNR and SSIM against a ground truth, for the paired sets (LOL's {@code high/} beside {@code low/}).
 * Both compare the 8-bit RGB images a user would save, as scikit-image computes them: PSNR over all
 * channels; SSIM (Wang et al. 2004) per channel with a 7x7 uniform window, sample covariances and
 * K1 = 0.01, K2 = 0.03, averaged over the window positions inside the image and over channels.
 */
public final class FullReferenceMetrics {
    private static final int WINDOW = 7;
    private static final float C1 = (float) Math.pow(0.01 * 255, 2);
    private static final float C2 = (float) Math.pow(0.03 * 255, 2);

    private FullReferenceMetrics() {}

    /** @param result and {@code truth}: {@code [1, 3, H, W]} in [0, 1] */
    public static double psnr(NDArray result, NDArray truth) {
        NDArray error = eightBit(result).sub(eightBit(truth));
        double mse = error.mul(error).mean().getFloat();
        return 10 * Math.log10(255.0 * 255.0 / mse);
    }

    public static double ssim(NDArray result, NDArray truth) {
        NDArray x = eightBit(result), y = eightBit(truth);
        float sample = WINDOW * WINDOW / (WINDOW * WINDOW - 1f);
        NDArray mx = mean(x), my = mean(y);
        NDArray vx = mean(x.mul(x)).sub(mx.mul(mx)).mul(sample);
        NDArray vy = mean(y.mul(y)).sub(my.mul(my)).mul(sample);
        NDArray cxy = mean(x.mul(y)).sub(mx.mul(my)).mul(sample);
        NDArray numerator = mx.mul(my).mul(2).add(C1).mul(cxy.mul(2).add(C2));
        NDArray denominator = mx.mul(mx).add(my.mul(my)).add(C1).mul(vx.add(vy).add(C2));
        return numerator.div(denominator).mean().getFloat();
    }

    private static NDArray eightBit(NDArray image) {
        Shapes.require(image, "image", 1, 3, Shapes.ANY, Shapes.ANY);
        return image.clip(0f, 1f).mul(255f).round();
    }

    /** Window means at every position where the window fits inside the image. */
    private static NDArray mean(NDArray x) {
        Shape window = new Shape(WINDOW, WINDOW);
        return Pool.avgPool2d(x, window, new Shape(1, 1), new Shape(0, 0), false, true);
    }
}
