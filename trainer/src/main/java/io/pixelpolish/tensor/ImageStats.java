package io.pixelpolish.tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/** Tensor helpers shared by the reward terms. */
public final class ImageStats {
    private static final float[] LUMA_WEIGHTS = {0.299f, 0.587f, 0.114f};

    private ImageStats() {}

    /**
     * ITU-R BT.601 luma of {@code [B, 3, H, W]} images as {@code [B, 1, H, W]}; gray images replicated
     * to three channels come back unchanged because the weights sum to one.
     */
    public static NDArray luma(NDArray rgb) {
        Shapes.require(rgb, "images", Shapes.ANY, 3, Shapes.ANY, Shapes.ANY);
        try (NDArray weights = rgb.getManager().create(LUMA_WEIGHTS, new Shape(1, 3, 1, 1))) {
            return rgb.mul(weights).sum(new int[] {1}, true);
        }
    }

    /** How {@link #pad} fills the border. */
    public enum Border {
        /** Repeat the edge pixel: {@code aaa|abc}. */
        REPLICATE,
        /** Mirror without repeating the edge, OpenCV's default: {@code dcb|abcd}. */
        REFLECT_101
    }

    /** Pads {@code [B, C, H, W]} by {@code n} pixels on each side. */
    public static NDArray pad(NDArray x, int n, Border border) {
        return padAxis(padAxis(x, 2, n, border), 3, n, border);
    }

    private static NDArray padAxis(NDArray x, int axis, int n, Border border) {
        long size = x.getShape().get(axis);
        String first = border == Border.REPLICATE ? "0:1" : "1:" + (n + 1);
        String last = border == Border.REPLICATE ? (size - 1) + ":" + size : (size - 1 - n) + ":" + (size - 1);
        String prefix = axis == 2 ? ":, :, " : ":, :, :, ";
        NDArray head = x.get(prefix + first), tail = x.get(prefix + last);
        if (border == Border.REPLICATE) {
            head = head.repeat(axis, n);
            tail = tail.repeat(axis, n);
        } else {
            head = head.flip(axis);
            tail = tail.flip(axis);
        }
        return NDArrays.concat(new NDList(head, x, tail), axis);
    }

    /** Repeats each cell of {@code [B, C, h, w]} block maps over a {@code block x block} square, cropped to {@code [H, W]}. */
    public static NDArray expandBlocks(NDArray blocks, int block, long height, long width) {
        return blocks.repeat(2, block).repeat(3, block).get(":, :, 0:{}, 0:{}", height, width);
    }

    /** Mean over every axis but the first: {@code [B, ...] -> [B]}. */
    public static NDArray perImageMean(NDArray x) {
        return x.reshape(x.getShape().get(0), -1).mean(new int[] {1});
    }
}
