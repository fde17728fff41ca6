package io.pixelpolish.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Weights files the baseline tests write themselves: named arrays of the real shapes, saved as .npz. */
final class NpzFixtures {
    private NpzFixtures() {}

    /** A named array of small normal values (standard deviation 0.05). */
    static NDArray random(NDManager manager, String name, long... shape) {
        NDArray array = manager.randomNormal(0f, 0.05f, new Shape(shape), DataType.FLOAT32);
        array.setName(name);
        return array;
    }

    static Path write(Path file, NDList arrays) throws IOException {
        Files.write(file, arrays.encode(NDList.Encoding.NPZ));
        return file;
    }
}
