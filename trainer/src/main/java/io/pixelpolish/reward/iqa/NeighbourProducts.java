package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Products of MSCN coefficients with a neighbour, the pairwise statistics of NIQE and BRISQUE
 * (horizontal, vertical and the two diagonals). The neighbour comes from a circular shift of the last
 * two axes, MATLAB's {@code circshift} / numpy's {@code roll}, so the products wrap around the edges
 * exactly as the references do.
 */
final class NeighbourProducts {
    private NeighbourProducts() {}

    /**
     * @param x coefficients whose last two axes are rows and columns
     * @param rowShift shift along the rows (+1: each value meets the one above it, with wrap-around)
     * @param columnShift shift along the columns (+1: each value meets the one to its left)
     */
    static NDArray of(NDArray x, int rowShift, int columnShift) {
        int rows = x.getShape().dimension() - 2;
        return x.mul(roll(roll(x, rowShift, rows), columnShift, rows + 1));
    }

    private static NDArray roll(NDArray x, int shift, int axis) {
        if (shift == 0) {
            return x;
        }
        if (Math.abs(shift) != 1) {
            throw new IllegalArgumentException("only neighbour shifts of -1, 0 or 1 are used, got " + shift);
        }
        String prefix = ":, ".repeat(axis);
        NDList parts = shift > 0
                ? new NDList(x.get(prefix + "-1:"), x.get(prefix + ":-1"))
                : new NDList(x.get(prefix + "1:"), x.get(prefix + ":1"));
        return NDArrays.concat(parts, axis);
    }
}
