package io.pixelpolish.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Weights files the baseline tests write themselves: named arrays of the real shapes, saved as .npz. */
public final class NpzFixtures {
    private NpzFixtures() {}

    /** A named array of small normal values (standard deviation 0.05). */
    public static NDArray random(NDManager manager, String name, long... shape) {
        NDArray array = manager.randomNormal(0f, 0.05f, new Shape(shape), DataType.FLOAT32);
        array.setName(name);
        return array;
    }

    public static Path write(Path file, NDList arrays) throws IOException {
        Files.write(file, arrays.encode(NDList.Encoding.NPZ));
        return file;
    }

    /**
     * The arrays of ReLLIE's model.npz (real shapes: 64 channels, 27 actions a head), as {@code fill}
     * makes them from random ones and named as Chainer saves them; {@code skip}: an array left out.
     */
    public static Path rellie(NDManager manager, Path file, String skip, UnaryOperator<NDArray> fill)
            throws IOException {
        NDList arrays = new NDList();
        addConv(manager, arrays, "conv1", 64, 3, fill, skip);
        for (String layer :
                new String[] {"diconv2", "diconv3", "diconv4", "diconv5_pi", "diconv6_pi", "diconv5_V", "diconv6_V"}) {
            addConv(manager, arrays, layer + "/diconv", 64, 64, fill, skip);
        }
        for (String head : new String[] {"conv7_r_pi", "conv7_g_pi", "conv7_b_pi"}) {
            addConv(manager, arrays, head + "/model", 27, 64, fill, skip);
        }
        addConv(manager, arrays, "conv7_V", 1, 64, fill, skip);
        return write(file, arrays);
    }

    private static void addConv(
            NDManager manager, NDList arrays, String layer, int out, int in, UnaryOperator<NDArray> fill, String skip) {
        for (String part : new String[] {"/W", "/b"}) {
            String name = layer + part;
            if (!name.equals(skip)) {
                NDArray array = fill.apply(
                        part.equals("/W") ? random(manager, name, out, in, 3, 3) : random(manager, name, out));
                array.setName(name);
                arrays.add(array);
            }
        }
    }
}
