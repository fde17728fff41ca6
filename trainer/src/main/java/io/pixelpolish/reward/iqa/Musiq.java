package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.nio.file.Path;

/**
 * MUSIQ, the multi-scale image quality transformer (Ke et al., ICCV 2021): a transformer over patches
 * of the image at several scales, trained on human opinion scores. Higher is better, on the scale of
 * the training set (KonIQ-10k: mean opinion score 0..100).
 *
 * <p>The model is one TorchScript file (see docs/iqa.md for exporting one) taking the patch rows that
 * {@link MusiqPatches} prepares, {@code [B, N, 3075]} float32, and returning the score {@code [B]} or
 * {@code [B, 1]}. Images are scored at their own size (gray replicated to RGB); a batch shares one
 * size, so its images share one sequence length.
 */
public final class Musiq extends DeviceMetric implements AutoCloseable {
    public static final String NAME = "musiq";

    private final TorchScriptModel model;

    private Musiq(TorchScriptModel model) {
        super(NAME, false);
        this.model = model;
    }

    /** @throws IllegalArgumentException naming the file when it is missing or unreadable */
    public static Musiq open(Path file) {
        return new Musiq(new TorchScriptModel(file));
    }

    @Override
    NDArray compute(NDArray images) {
        long batch = images.getShape().get(0);
        NDArray output = model.forward(MusiqPatches.of(ImageInput.rgb(images))).singletonOrThrow();
        if (output.getShape().size() != batch || output.getShape().get(0) != batch) {
            throw new IllegalStateException(model.file() + ": expected one score per image, [" + batch + "] or ["
                    + batch + ", 1], got " + output.getShape());
        }
        return output.reshape(batch).toType(DataType.FLOAT32, false);
    }

    @Override
    public void close() {
        model.close();
    }
}
