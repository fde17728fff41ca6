package io.pixelpolish.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A learned baseline's weights as its authors published them, exported to {@code .npz}: the arrays
 * by name ({@code .npy} dropped, folders kept, e.g. {@code conv1/W}), held by a manager of their own,
 * and the stride-1 convolution every such network is made of.
 */
final class NpzWeights implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new HashMap<>();

    private NpzWeights(NDManager manager) {
        this.manager = manager;
    }

    /**
     * Reads {@code npz} and checks every array of {@code required} is there.
     *
     * @param model the method's report name, for the messages
     * @param kind what the file should be, for the message on a missing array ("a zerodce state dict")
     */
    static NpzWeights load(Path npz, String model, String kind, List<String> required, NDManager parent)
            throws IOException {
        NpzWeights weights = new NpzWeights(parent.newSubManager());
        try (InputStream in = Files.newInputStream(npz)) {
            for (NDArray array : NDList.decode(weights.manager, in)) {
                weights.arrays.put(array.getName(), array);
            }
        } catch (IOException | RuntimeException e) {
            weights.close();
            throw new IOException(npz + ": not a readable .npz of " + model + " weights (" + e.getMessage() + ")", e);
        }
        for (String name : required) {
            if (!weights.arrays.containsKey(name)) {
                weights.close();
                throw new IOException(npz + ": lacks array " + name + "; is it " + kind + "?");
            }
        }
        return weights;
    }

    NDArray get(String name) {
        return arrays.get(name);
    }

    /** A stride-1 convolution (cross-correlation, as PyTorch and Chainer compute it) with bias. */
    NDArray conv(NDArray x, String weight, String bias, int padding, int dilation, int groups) {
        return Conv2d.conv2d(
                        x,
                        arrays.get(weight),
                        arrays.get(bias),
                        new Shape(1, 1),
                        new Shape(padding, padding),
                        new Shape(dilation, dilation),
                        groups)
                .singletonOrThrow();
    }

    @Override
    public void close() {
        manager.close();
    }
}
