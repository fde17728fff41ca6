package io.pixelpolish.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import io.pixelpolish.inference.Enhancer;
import io.pixelpolish.tensor.Shapes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Zero-DCE (Guo et al., CVPR 2020) and Zero-DCE++ (TPAMI 2021) as baselines, run on DJL from the
 * authors' weights exported as {@code .npz} (arrays {@code e_conv1..e_conv7}; see the baselines'
 * README). Both estimate light-enhancement curves {@code LE(x) = x + r (x^2 - x)} and apply them 8
 * times; Zero-DCE++ estimates one curve map on a 1/12 downscaled input with depthwise-separable
 * convolutions and upsamples it. The weights are the user's to supply: the project ships none.
 */
public final class ZeroDce implements Enhancer {
    private static final int ITERATIONS = 8;
    private static final int PLUS_PLUS_SCALE = 12;
    private static final int BILINEAR = 1;

    private final boolean plusPlus;
    private final NpzWeights weights;

    private ZeroDce(boolean plusPlus, NpzWeights weights) {
        this.plusPlus = plusPlus;
        this.weights = weights;
    }

    /** Loads Zero-DCE ({@code plusPlus} false) or Zero-DCE++ weights, checking every array is there. */
    public static ZeroDce load(Path npz, boolean plusPlus, NDManager parent) throws IOException {
        String name = name(plusPlus);
        List<String> required = new ArrayList<>();
        for (int k = 1; k <= 7; k++) {
            for (String part : plusPlus
                    ? new String[] {".depth_conv.weight", ".depth_conv.bias", ".point_conv.weight", ".point_conv.bias"}
                    : new String[] {".weight", ".bias"}) {
                required.add("e_conv" + k + part);
            }
        }
        return new ZeroDce(plusPlus, NpzWeights.load(npz, name, "a " + name + " state dict", required, parent));
    }

    private static String name(boolean plusPlus) {
        return plusPlus ? "zerodcepp" : "zerodce";
    }

    @Override
    public String name() {
        return name(plusPlus);
    }

    @Override
    public NDArray enhance(NDArray rgb) {
        Shapes.require(rgb, "image", Shapes.ANY, 3, Shapes.ANY, Shapes.ANY);
        long height = rgb.getShape().get(2), width = rgb.getShape().get(3);
        NDArray x = rgb;
        if (plusPlus) {
            NDArray small = x.getNDArrayInternal()
                    .interpolation(
                            new long[] {Math.max(1, height / PLUS_PLUS_SCALE), Math.max(1, width / PLUS_PLUS_SCALE)},
                            BILINEAR,
                            false);
            NDArray curve =
                    curves(small).getNDArrayInternal().interpolation(new long[] {height, width}, BILINEAR, false);
            for (int i = 0; i < ITERATIONS; i++) {
                x = lightEnhance(x, curve);
            }
        } else {
            NDList curves = curves(x).split(ITERATIONS, 1);
            for (NDArray curve : curves) {
                x = lightEnhance(x, curve);
            }
        }
        return x.clip(0f, 1f);
    }

    private static NDArray lightEnhance(NDArray x, NDArray curve) {
        return x.add(curve.mul(x.square().sub(x)));
    }

    /** The network: seven convolutions with the skip concatenations of the paper, tanh output. */
    private NDArray curves(NDArray x) {
        NDArray x1 = relu(conv(1, x));
        NDArray x2 = relu(conv(2, x1));
        NDArray x3 = relu(conv(3, x2));
        NDArray x4 = relu(conv(4, x3));
        NDArray x5 = relu(conv(5, x3.concat(x4, 1)));
        NDArray x6 = relu(conv(6, x2.concat(x5, 1)));
        return conv(7, x1.concat(x6, 1)).tanh();
    }

    private NDArray conv(int k, NDArray x) {
        String prefix = "e_conv" + k;
        if (!plusPlus) {
            return weights.conv(x, prefix + ".weight", prefix + ".bias", 1, 1, 1);
        }
        int channels = (int) x.getShape().get(1);
        NDArray depthwise = weights.conv(x, prefix + ".depth_conv.weight", prefix + ".depth_conv.bias", 1, 1, channels);
        return weights.conv(depthwise, prefix + ".point_conv.weight", prefix + ".point_conv.bias", 0, 1, 1);
    }

    private static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    @Override
    public void close() {
        weights.close();
    }
}
