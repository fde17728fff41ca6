package io.pixelpolish.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.pixelpolish.model.Shapes;
import java.io.IOException;
import java.nio.file.Path;

/** A PNG of image pairs, one row per image: before | after. */
public final class SampleSheet {
    private SampleSheet() {}

    /** @param before and {@code after}: {@code [N, 3, H, W]} in [0, 1] */
    public static void write(Path file, NDArray before, NDArray after) throws IOException {
        Shapes.require(after, "after images", before.getShape().getShape());
        long n = before.getShape().get(0), h = before.getShape().get(2), w = before.getShape().get(3);
        NDArray rows = NDArrays.concat(new ai.djl.ndarray.NDList(before, after), 3);
        float[] planar = rows.transpose(1, 0, 2, 3).reshape(3, n * h, 2 * w).toFloatArray();
        ImageFiles.write(file, new DecodedImage(file, 3, (int) (n * h), (int) (2 * w), 8, 0, 255, planar));
    }
}
