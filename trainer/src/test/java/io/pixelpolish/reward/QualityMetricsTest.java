package io.pixelpolish.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QualityMetricsTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void closedFormsOnSimpleImages() {
        // two gray levels in equal parts: 1 bit of entropy, brightness their mean
        float[] halves = new float[16 * 16];
        for (int i = 0; i < halves.length; i++) {
            halves[i] = (i % 16) < 8 ? 64 / 255f : 192 / 255f;
        }
        Map<String, Double> m = QualityMetrics.physics(
                manager.create(halves, new Shape(1, 1, 16, 16)).repeat(1, 3));
        assertThat(m.get("brightness")).isCloseTo(128.0, offset(1e-3));
        assertThat(m.get("entropy")).isCloseTo(1.0, offset(1e-9));
        // the step between columns 7 and 8 gives |gx| = 4 * 128 on two columns of 16
        assertThat(m.get("gradient")).isCloseTo(2 * 4 * 128.0 / 16, offset(1e-3));
        // both 8x8 blocks are flat: EME 0
        assertThat(m.get("eme")).isCloseTo(0.0, offset(1e-6));
    }

    @Test
    void aFlatImageHasNoEntropyAndNoGradient() {
        NDArray flat = manager.full(new Shape(1, 3, 24, 24), 0.5f);
        Map<String, Double> m = QualityMetrics.physics(flat);
        assertThat(m.get("entropy")).isZero();
        assertThat(m.get("gradient")).isCloseTo(0.0, offset(1e-4));
        assertThat(m.get("brightness")).isCloseTo(128.0, offset(1e-3));
    }

    @Test
    void colourfulnessExposureAndClippingOnKnownImages() {
        // half pure red, half pure green: rg = +-255 (sigma 255, mean 0), yb = 127.5 everywhere
        float[] pixels = new float[3 * 8 * 8];
        for (int i = 0; i < 64; i++) {
            pixels[(i % 8 < 4 ? 0 : 1) * 64 + i] = 1f;
        }
        Map<String, Double> m = QualityMetrics.physics(manager.create(pixels, new Shape(1, 3, 8, 8)));
        assertThat(m.get("colorfulness")).isCloseTo(255 + 0.3 * 127.5, offset(1e-3));

        NDArray gray = manager.full(new Shape(1, 3, 8, 8), 0.5f);
        assertThat(QualityMetrics.physics(gray).get("colorfulness")).isCloseTo(0.0, offset(1e-6));

        NDArray dark = manager.zeros(new Shape(1, 3, 8, 8));
        dark.set(new NDIndex(":, :, 0:2"), 0.2f);
        Map<String, Double> d = QualityMetrics.physics(dark);
        assertThat(d.get("clipped")).isCloseTo(0.75, offset(1e-9));
        // mean 8-bit luma: a quarter of the pixels at round(0.2 * 255) = 51
        assertThat(d.get("exposure_error")).isCloseTo(0.5 - 51 / 4.0 / 255, offset(1e-6));
    }
}
