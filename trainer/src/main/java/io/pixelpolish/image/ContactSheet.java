package io.pixelpolish.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.pixelpolish.tensor.Shapes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A grid of equally sized RGB images written as one 8-bit PNG: before/after samples, step-by-step views. */
public final class ContactSheet {
    private ContactSheet() {}

    /** @param rows each a list of cells {@code [1, 3, H, W]} in [0, 1], all of one size */
    public static void write(Path file, List<List<NDArray>> rows) throws IOException {
        NDList stripes = new NDList();
        long[] cellShape = rows.get(0).get(0).getShape().getShape();
        for (List<NDArray> row : rows) {
            row.forEach(cell -> Shapes.require(cell, "contact sheet cell", cellShape));
            stripes.add(NDArrays.concat(new NDList(row), 3));
        }
        NDArray sheet = NDArrays.concat(stripes, 2);
        int height = (int) sheet.getShape().get(2),
                width = (int) sheet.getShape().get(3);
        ImageFiles.write(
                file,
                new DecodedImage(
                        file, 3, height, width, 8, 0, 255, sheet.clip(0f, 1f).toFloatArray()));
    }

    /** One row per image of the batches, {@code [N, 3, H, W]} each: before | after. */
    public static void writePairs(Path file, NDArray before, NDArray after) throws IOException {
        List<List<NDArray>> rows = new ArrayList<>();
        for (int i = 0; i < before.getShape().get(0); i++) {
            rows.add(List.of(before.get("{}:{}", i, i + 1), after.get("{}:{}", i, i + 1)));
        }
        write(file, rows);
    }
}
