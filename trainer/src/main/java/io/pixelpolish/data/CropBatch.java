package io.pixelpolish.data;

import java.util.List;

/**
 * A batch of square training crops, NCHW {@code [batchSize, 3, cropSize, cropSize]} floats in [0, 1];
 * single-channel crops are replicated to three channels so every modality shares one network input.
 * {@code modalities.get(i)} is the modality crop {@code i} was drawn as.
 */
public record CropBatch(int batchSize, int cropSize, float[] pixels, List<Modality> modalities) {

    /** Channels per crop. */
    public static final int CHANNELS = 3;

    public CropBatch {
        if (batchSize < 1 || cropSize < 1) {
            throw new IllegalArgumentException(
                    "expected a positive batch size and crop size, got " + batchSize + " and " + cropSize);
        }
        long expected = (long) batchSize * CHANNELS * cropSize * cropSize;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " pixel values for [" + batchSize + ", "
                    + CHANNELS + ", " + cropSize + ", " + cropSize + "], got " + pixels.length);
        }
        if (modalities.size() != batchSize) {
            throw new IllegalArgumentException(
                    "expected one modality per crop (" + batchSize + "), got " + modalities.size());
        }
        modalities = List.copyOf(modalities);
    }
}
