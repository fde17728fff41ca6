package io.pixelpolish.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Generated images with natural-image traits (smooth shading, edges, texture), in [0, 1]. */
public final class TestImages {
    private TestImages() {}

    /**
     * A well-exposed scene {@code [batch, 3, size, size]}: shaded background, bright and dark
     * rectangles and mild texture; gray (identical channels) when {@code gray}.
     */
    public static NDArray scene(NDManager manager, int batch, int size, long seed, boolean gray) {
        Random random = new Random(seed);
        float[] pixels = new float[batch * 3 * size * size];
        int plane = size * size;
        for (int b = 0; b < batch; b++) {
            int rx = random.nextInt(size / 2), ry = random.nextInt(size / 2), rw = size / 4 + random.nextInt(size / 4);
            float[] tint = gray
                    ? new float[] {1, 1, 1}
                    : new float[] {0.8f + 0.2f * random.nextFloat(), 1f, 0.7f + 0.3f * random.nextFloat()};
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    double v = 0.15 + 0.5 * (x + y) / (2.0 * size) + 0.05 * Math.sin(x * 0.9 + b) * Math.cos(y * 0.7);
                    if (x >= rx && x < rx + rw && y >= ry && y < ry + rw) {
                        v = 0.9 - 0.2 * (y - ry) / (double) rw;
                    }
                    if ((x / 4 + y / 4) % 5 == 0) {
                        v *= 0.4;
                    }
                    v += 0.02 * random.nextGaussian();
                    for (int c = 0; c < 3; c++) {
                        pixels[(b * 3 + c) * plane + y * size + x] = (float) Math.min(1, Math.max(0, v * tint[c]));
                    }
                }
            }
        }
        return manager.create(pixels, new Shape(batch, 3, size, size));
    }

    /** The same scene as a low-light shot: {@code 0.3 * x^2.2}. */
    public static NDArray dark(NDArray scene) {
        return scene.pow(2.2f).mul(0.3f);
    }

    /** Writes {@code count} scenes of {@code size} px as 8-bit PNGs into {@code dir}, darkened when {@code dark}. */
    public static Path writeFolder(Path dir, int count, int size, boolean dark, long seed) throws IOException {
        Files.createDirectories(dir);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            for (int i = 0; i < count; i++) {
                NDArray image = scene(manager, 1, size, seed + i, i % 3 == 2);
                float[] pixels = (dark ? dark(image) : image).toFloatArray();
                Path file = dir.resolve(String.format("scene-%02d.png", i));
                ImageFiles.write(file, new DecodedImage(file, 3, size, size, 8, 0, 255, pixels));
            }
        }
        return dir;
    }
}
