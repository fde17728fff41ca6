package io.pixelpolish.env;

import static io.pixelpolish.tensor.Shapes.ANY;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.tensor.Shapes;
import java.util.Random;

/**
 * Synthetic low-light degradations so that well-exposed images can serve as training input:
 * darkening {@code s * x^g}, a contrast squeeze towards the image mean and luminance noise. Each
 * image of a batch is degraded with the configured probability and its own random strengths; the
 * noise is shared by the three channels, so gray and infrared inputs stay gray.
 */
public final class Degradation {
    private final PixelPolishConfig.Degrade cfg;

    public Degradation(PixelPolishConfig.Degrade cfg) {
        this.cfg = cfg;
    }

    /** Degrades {@code images [B, 3, H, W]} in [0, 1]; strengths come from {@code rng}. */
    public NDArray apply(NDArray images, Random rng) {
        Shapes.require(images, "images", ANY, 3, ANY, ANY);
        int batch = (int) images.getShape().get(0);
        float[] gamma = new float[batch],
                scale = new float[batch],
                contrast = new float[batch],
                noise = new float[batch];
        boolean any = false;
        for (int i = 0; i < batch; i++) {
            boolean degrade = rng.nextDouble() < cfg.probability();
            any |= degrade;
            gamma[i] = degrade ? draw(cfg.gamma(), rng) : 1f;
            scale[i] = degrade ? draw(cfg.scale(), rng) : 1f;
            contrast[i] = degrade ? draw(cfg.contrast(), rng) : 1f;
            noise[i] = degrade ? draw(cfg.noiseStd(), rng) : 0f;
        }
        if (!any) {
            return images;
        }
        NDManager manager = images.getManager();
        Shape perImage = new Shape(batch, 1, 1, 1);
        if (cfg.minBrightness() > 0) {
            // Dark crops keep identity strengths: a real low-light shot is already what we train on.
            float[] brightness = images.reshape(batch, -1).mean(new int[] {1}).toFloatArray();
            for (int i = 0; i < batch; i++) {
                if (brightness[i] < cfg.minBrightness()) {
                    gamma[i] = 1f;
                    scale[i] = 1f;
                    contrast[i] = 1f;
                    noise[i] = 0f;
                }
            }
        }
        NDArray dark =
                images.clip(1e-6f, 1f).powi(manager.create(gamma, perImage)).muli(manager.create(scale, perImage));
        NDArray mean = dark.reshape(batch, -1).mean(new int[] {1}).reshape(perImage);
        NDArray squeezed =
                dark.subi(mean).muli(manager.create(contrast, perImage)).addi(mean);
        Shape h = images.getShape();
        NDArray grain = manager.randomNormal(0f, 1f, new Shape(batch, 1, h.get(2), h.get(3)), DataType.FLOAT32)
                .muli(manager.create(noise, perImage));
        return squeezed.addi(grain).clip(0f, 1f);
    }

    private static float draw(PixelPolishConfig.Range range, Random rng) {
        return (float) (range.min() + rng.nextDouble() * range.span());
    }
}
