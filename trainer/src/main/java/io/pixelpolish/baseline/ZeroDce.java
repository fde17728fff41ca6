package io.pixelpolish.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import io.pixelpolish.inference.Enhancer;
import io.pixelpolish.tensor.Shapes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

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
    private final NDManager manager;
    private final Map<String, NDArray> weights = new HashMap<>();

    private ZeroDce(boolean plusPlus, NDManager manager) {
        this.plusPlus = plusPlus;
        this.manager = manager;
    }

    /** Loads Zero-DCE ({@code plusPlus} false) or Zero-DCE++ weights, checking every array is there. */
    public static ZeroDce load(Path npz, boolean plusPlus, NDManager parent) throws IOException {
        ZeroDce model = new ZeroDce(plusPlus, parent.newSubManager());
        try (InputStream in = Files.newInputStream(npz)) {
            for (NDArray array : NDList.decode(model.manager, in)) {
                model.weights.put(array.getName(), array);
            }
        } catch (IOException | RuntimeException e) {
            model.close();
            throw new IOException(
                    npz + ": not a readable .npz of " + model.name() + " weights (" + e.getMessage() + ")", e);
        }
        for (int k = 1; k <= 7; k++) {
            for (String part : plusPlus
                    ? new String[] {".depth_conv.weight", ".depth_conv.bias", ".point_conv.weight", ".point_conv.bias"}
                    : new String[] {".weight", ".bias"}) {
                if (!model.weights.containsKey("e_conv" + k + part)) {
                    model.close();
                    throw new IOException(
                            npz + ": lacks array e_conv" + k + part + "; is it a " + model.name() + " state dict?");
                }
            }
        }
        return model;
    }

    @Override
    public String name() {
        return plusPlus ? "zerodcepp" : "zerodce";
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
        Shape stride = new Shape(1, 1), dilation = new Shape(1, 1);
        if (!plusPlus) {
            return Conv2d.conv2d(
                            x,
                            weights.get("e_conv" + k + ".weight"),
                            weights.get("e_conv" + k + ".bias"),
                            stride,
                            new Shape(1, 1),
                            dilation,
                            1)
                    .singletonOrThrow();
        }
        String prefix = "e_conv" + k;
        int channels = (int) x.getShape().get(1);
        NDArray depthwise = Conv2d.conv2d(
                        x,
                        weights.get(prefix + ".depth_conv.weight"),
                        weights.get(prefix + ".depth_conv.bias"),
                        stride,
                        new Shape(1, 1),
                        dilation,
                        channels)
                .singletonOrThrow();
        return Conv2d.conv2d(
                        depthwise,
                        weights.get(prefix + ".point_conv.weight"),
                        weights.get(prefix + ".point_conv.bias"),
                        stride,
                        new Shape(0, 0),
                        dilation,
                        1)
                .singletonOrThrow();
    }

    private static NDArray relu(NDArray x) {
        return Activation.relu(x);
    }

    @Override
    public void close() {
        manager.close();
    }
}
