package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * MUSIQ's multi-scale input (Ke et al., "MUSIQ: Multi-scale Image Quality Transformer", ICCV 2021, and
 * its published preprocessing): the image at its own size plus two aspect-preserving resizes with
 * longer sides 224 and 384, each cut into 32x32 patches. Every patch becomes one row of {@code 3 * 32 *
 * 32 + 3} values: its pixels in [-1, 1] (channel, row, column order, as {@code F.unfold} gives), then
 * its hashed spatial position, its scale index and an input mask of 1.
 *
 * <p>Details follow IQA-PyTorch's port of the published preprocessing, with which the PyTorch
 * checkpoints were checked against the original: sizes rounded half to even; PyTorch's bicubic resize
 * without antialiasing ({@link BicubicResize}); TensorFlow "SAME" padding of each scale to whole patches, the extra split
 * evenly with the odd pixel at the end; the patch at row i of H and column j of W hashes to {@code
 * floor(i * 10 / H) * 10 + floor(j * 10 / W)} on a 10x10 grid; each resized scale is padded with zero
 * rows (mask 0) to its full sequence length, {@code ceil(L / 32)^2}; the full-size scale keeps all its
 * patches.
 */
final class MusiqPatches {
    static final int PATCH = 32;
    static final int GRID = 10;
    static final int[] LONGER_SIDES = {224, 384};
    /** Values per patch row: pixels, then position, scale and mask. */
    static final int ROW = 3 * PATCH * PATCH + 3;

    private MusiqPatches() {}

    /**
     * @param rgb {@code [B, 3, H, W]} float32 in [0, 1]
     * @return {@code [B, N, ROW]} with N = 49 + 144 + the full-size patch count
     */
    static NDArray of(NDArray rgb) {
        NDArray x = rgb.mul(2f).subi(1f);
        long height = x.getShape().get(2);
        long width = x.getShape().get(3);
        NDList scales = new NDList(LONGER_SIDES.length + 1);
        for (int scale = 0; scale < LONGER_SIDES.length; scale++) {
            int side = LONGER_SIDES[scale];
            double ratio = (double) side / Math.max(height, width);
            long[] size = {(long) Math.rint(height * ratio), (long) Math.rint(width * ratio)};
            NDArray resized = BicubicResize.of(x, size[0], size[1]);
            long sequence = (long) Math.ceil((double) side / PATCH);
            scales.add(padOrCut(patches(resized, scale), sequence * sequence));
        }
        scales.add(patches(x, LONGER_SIDES.length));
        return NDArrays.concat(scales, 1);
    }

    /** {@code [B, 3, h, w]} to its patch rows {@code [B, ceil(h/32) * ceil(w/32), ROW]}. */
    private static NDArray patches(NDArray x, int scale) {
        long batch = x.getShape().get(0);
        long rows = ceilDiv(x.getShape().get(2), PATCH);
        long columns = ceilDiv(x.getShape().get(3), PATCH);
        NDArray padded = samePad(samePad(x, 2, rows * PATCH), 3, columns * PATCH);
        NDArray pixels = padded.reshape(batch, 3, rows, PATCH, columns, PATCH)
                .transpose(0, 2, 4, 1, 3, 5)
                .reshape(batch, rows * columns, 3L * PATCH * PATCH);
        float[] extra = new float[(int) (rows * columns * 3)];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                int k = (int) (i * columns + j) * 3;
                extra[k] = (float) (Math.floorDiv(i * GRID, rows) * GRID + Math.floorDiv(j * GRID, columns));
                extra[k + 1] = scale;
                extra[k + 2] = 1f;
            }
        }
        NDArray positions =
                x.getManager().create(extra, new Shape(1, rows * columns, 3)).repeat(0, batch);
        return NDArrays.concat(new NDList(pixels, positions), 2);
    }

    /** Zero padding of {@code axis} to {@code target}, the odd value at the end (TensorFlow "SAME"). */
    private static NDArray samePad(NDArray x, int axis, long target) {
        long missing = target - x.getShape().get(axis);
        if (missing == 0) {
            return x;
        }
        long[] before = x.getShape().getShape();
        long[] after = x.getShape().getShape();
        before[axis] = missing / 2;
        after[axis] = missing - missing / 2;
        return NDArrays.concat(
                new NDList(
                        x.getManager().zeros(new Shape(before), x.getDataType()),
                        x,
                        x.getManager().zeros(new Shape(after), x.getDataType())),
                axis);
    }

    private static NDArray padOrCut(NDArray rows, long length) {
        long count = rows.getShape().get(1);
        if (count >= length) {
            return rows.get(":, 0:" + length);
        }
        Shape padding = new Shape(rows.getShape().get(0), length - count, ROW);
        return NDArrays.concat(new NDList(rows, rows.getManager().zeros(padding, rows.getDataType())), 1);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
