package io.pixelpolish.image;

import io.pixelpolish.config.PixelPolishConfig.ByteSwap;

/**
 * Byte order of 16-bit samples. FLIR raw frames are often stored little-endian inside a big-endian
 * 16-bit PNG; read as-is their true low byte lands in the most significant place and the frame looks
 * like noise.
 *
 * <p>Detection compares the roughness of both byte orders: the mean squared difference of neighbouring
 * samples divided by the variance, i.e. 2(1 - lag-1 autocorrelation). It is scale-free on purpose: a
 * plain difference measure would also "prefer" swapping 8-bit content stored as {@code v << 8}, which is
 * 256 times smoother once swapped, whereas here both orders tie and the file stays as it is. A wrong byte
 * order turns the true low byte into the most significant one; that byte is noise-like and wraps at each
 * 256-count step, so roughness rises towards 2. On the real FLIR frames the right order is 5 to 35 times
 * smoother than the wrong one, so requiring a factor of {@link #DECISIVE_FACTOR} leaves a wide margin
 * while keeping ambiguous frames untouched.
 */
final class ImageByteOrder {

    static final double DECISIVE_FACTOR = 2.0;

    private ImageByteOrder() {}

    /** Whether {@code samples} (16-bit, planar CHW) should be byte-swapped under {@code policy}. */
    static boolean shouldSwap(ByteSwap policy, int[] samples, int channels, int height, int width) {
        return switch (policy) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> looksSwapped(samples, channels, height, width);
        };
    }

    static boolean looksSwapped(int[] samples, int channels, int height, int width) {
        Roughness asStored = new Roughness();
        Roughness swapped = new Roughness();
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            int base = c * plane;
            for (int y = 0; y < height; y++) {
                int row = base + y * width;
                for (int x = 0; x < width; x++) {
                    int v = samples[row + x];
                    int s = swap(v);
                    asStored.add(v);
                    swapped.add(s);
                    if (x > 0) {
                        asStored.addStep(v - samples[row + x - 1]);
                        swapped.addStep(s - swap(samples[row + x - 1]));
                    }
                    if (y > 0) {
                        asStored.addStep(v - samples[row + x - width]);
                        swapped.addStep(s - swap(samples[row + x - width]));
                    }
                }
            }
        }
        return swapped.value() * DECISIVE_FACTOR < asStored.value();
    }

    static int swap(int sample) {
        return ((sample & 0xFF) << 8) | ((sample >>> 8) & 0xFF);
    }

    static void swapAll(int[] samples) {
        for (int i = 0; i < samples.length; i++) {
            samples[i] = swap(samples[i]);
        }
    }

    /** Mean squared neighbour step over variance, accumulated in one pass. */
    private static final class Roughness {
        private double sum;
        private double sumSquares;
        private long count;
        private double stepSquares;
        private long steps;

        void add(int value) {
            sum += value;
            sumSquares += (double) value * value;
            count++;
        }

        void addStep(int step) {
            stepSquares += (double) step * step;
            steps++;
        }

        /** 0 for a flat frame or one without neighbours, so such frames never trigger a swap. */
        double value() {
            if (steps == 0) {
                return 0;
            }
            double mean = sum / count;
            double variance = sumSquares / count - mean * mean;
            return variance > 0 ? (stepSquares / steps) / variance : 0;
        }
    }
}
