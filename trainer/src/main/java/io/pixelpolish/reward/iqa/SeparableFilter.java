package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * One-dimensional filtering along an image axis as a sum of shifted slices, plus the edge extensions
 * the MATLAB functions use. For the few-tap filters of NIQE and BRISQUE this beats a float64
 * convolution, which libtorch runs through a dense im2col buffer of taps x pixels.
 */
final class SeparableFilter {
    /** How an axis is extended past its ends. */
    enum Edge {
        /** The edge value repeated (MATLAB {@code 'replicate'}). */
        REPLICATE,
        /** The values mirrored, edge included (MATLAB {@code 'symmetric'}, as {@code imresize} does). */
        SYMMETRIC,
        /** Zeros (MATLAB {@code filter2(..., 'same')}). */
        ZERO
    }

    private SeparableFilter() {}

    /**
     * Correlates {@code x} with {@code taps} along {@code axis} at the given stride, after extending
     * the axis by {@code before} and {@code after} values.
     *
     * @return along {@code axis}, {@code (n + before + after - taps) / stride + 1} values
     */
    static NDArray along(NDArray x, int axis, double[] taps, int stride, int before, int after, Edge edge) {
        NDArray extended = extend(x, axis, before, after, edge);
        long outputs = (extended.getShape().get(axis) - taps.length) / stride + 1;
        String prefix = ":, ".repeat(axis);
        NDArray sum = null;
        for (int k = 0; k < taps.length; k++) {
            NDArray term = extended.get(prefix + k + ":" + (k + stride * (outputs - 1) + 1) + ":" + stride)
                    .mul(taps[k]);
            sum = sum == null ? term : sum.addi(term);
        }
        return sum;
    }

    private static NDArray extend(NDArray x, int axis, int before, int after, Edge edge) {
        long n = x.getShape().get(axis);
        if (n < Math.max(before, after)) {
            throw new IllegalArgumentException("image too small: " + n + " pixels along axis " + axis
                    + ", the filter needs at least " + Math.max(before, after));
        }
        String prefix = ":, ".repeat(axis);
        NDArray head;
        NDArray tail;
        switch (edge) {
            case REPLICATE -> {
                head = x.get(prefix + "0:1").repeat(axis, before);
                tail = x.get(prefix + "-1:").repeat(axis, after);
            }
            case SYMMETRIC -> {
                head = x.get(prefix + "0:" + before).flip(axis);
                tail = x.get(prefix + (n - after) + ":").flip(axis);
            }
            default -> {
                head = x.getManager().zeros(resized(x.getShape(), axis, before), x.getDataType());
                tail = x.getManager().zeros(resized(x.getShape(), axis, after), x.getDataType());
            }
        }
        return NDArrays.concat(new NDList(head, x, tail), axis);
    }

    private static Shape resized(Shape shape, int axis, long size) {
        long[] dims = shape.getShape();
        dims[axis] = size;
        return new Shape(dims);
    }
}
