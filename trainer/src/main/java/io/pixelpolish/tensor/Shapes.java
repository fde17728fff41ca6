package io.pixelpolish.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/** Shape assertions at module boundaries: a wrong tensor fails where it enters, with its name. */
public final class Shapes {
    /** Matches any size in {@link #require}. */
    public static final long ANY = -1;

    private Shapes() {}

    /**
     * Checks {@code array} against {@code expected} ({@link #ANY} matches any size) and returns it.
     *
     * @throws IllegalArgumentException naming the tensor and both shapes
     */
    public static NDArray require(NDArray array, String name, long... expected) {
        Shape actual = array.getShape();
        boolean ok = actual.dimension() == expected.length;
        for (int i = 0; ok && i < expected.length; i++) {
            ok = expected[i] == ANY || expected[i] == actual.get(i);
        }
        if (!ok) {
            throw new IllegalArgumentException(name + ": expected shape " + describe(expected) + ", got " + actual);
        }
        return array;
    }

    private static String describe(long[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dims[i] == ANY ? "*" : Long.toString(dims[i]));
        }
        return sb.append(')').toString();
    }
}
