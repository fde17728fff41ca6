package io.pixelpolish.data;

import io.pixelpolish.image.DecodedImage;

/**
 * Area-averaging downscale: each output pixel is the mean of the source area it covers, partial
 * pixels weighted by coverage. Unlike point or bilinear sampling this does not alias fine texture and
 * sensor noise into the reduced image, which would change the statistics the reward measures.
 */
final class Resampling {

    private Resampling() {}

    /** {@code image} reduced so its longer side is at most {@code maxSide}; unchanged when it fits or maxSide is 0. */
    static DecodedImage fitLongerSide(DecodedImage image, int maxSide) {
        int longer = Math.max(image.height(), image.width());
        if (maxSide <= 0 || longer <= maxSide) {
            return image;
        }
        double factor = (double) maxSide / longer;
        int height = Math.max(1, (int) Math.round(image.height() * factor));
        int width = Math.max(1, (int) Math.round(image.width() * factor));
        return image.withPixels(
                height,
                width,
                areaAverage(image.pixels(), image.channels(), image.height(), image.width(), height, width));
    }

    /** Planar CHW {@code source} of {@code height x width} averaged down to {@code outHeight x outWidth}. */
    static float[] areaAverage(float[] source, int channels, int height, int width, int outHeight, int outWidth) {
        Coverage columns = Coverage.of(width, outWidth);
        Coverage rows = Coverage.of(height, outHeight);
        float[] narrowed = new float[height * outWidth];
        float[] out = new float[channels * outHeight * outWidth];
        for (int c = 0; c < channels; c++) {
            int sourcePlane = c * height * width;
            for (int y = 0; y < height; y++) {
                int sourceRow = sourcePlane + y * width;
                for (int ox = 0; ox < outWidth; ox++) {
                    float sum = 0;
                    for (int k = columns.offsets[ox]; k < columns.offsets[ox + 1]; k++) {
                        sum += columns.weights[k] * source[sourceRow + columns.indices[k]];
                    }
                    narrowed[y * outWidth + ox] = sum;
                }
            }
            int outPlane = c * outHeight * outWidth;
            for (int oy = 0; oy < outHeight; oy++) {
                int outRow = outPlane + oy * outWidth;
                for (int k = rows.offsets[oy]; k < rows.offsets[oy + 1]; k++) {
                    float weight = rows.weights[k];
                    int narrowedRow = rows.indices[k] * outWidth;
                    for (int ox = 0; ox < outWidth; ox++) {
                        out[outRow + ox] += weight * narrowed[narrowedRow + ox];
                    }
                }
            }
        }
        return out;
    }

    /**
     * Along one axis, for each output cell {@code j}, the source cells {@code indices[offsets[j] ..
     * offsets[j+1])} it overlaps and the share {@code weights[k]} of each (they sum to 1).
     */
    private record Coverage(int[] offsets, int[] indices, float[] weights) {

        static Coverage of(int sourceLength, int outLength) {
            // In units of 1/outLength source pixels, output cell j spans [j*n, (j+1)*n) and source cell i
            // spans [i*m, (i+1)*m), so every overlap is an exact integer.
            long n = sourceLength;
            long m = outLength;
            int[] offsets = new int[outLength + 1];
            int[] indices = new int[sourceLength + outLength];
            float[] weights = new float[sourceLength + outLength];
            int k = 0;
            for (int j = 0; j < outLength; j++) {
                offsets[j] = k;
                long from = j * n;
                long to = from + n;
                for (int i = (int) (from / m); i < sourceLength && (long) i * m < to; i++) {
                    long overlap = Math.min(to, (i + 1) * m) - Math.max(from, i * m);
                    indices[k] = i;
                    weights[k] = (float) ((double) overlap / n);
                    k++;
                }
            }
            offsets[outLength] = k;
            return new Coverage(offsets, indices, weights);
        }
    }
}
