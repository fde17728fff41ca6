package io.pixelpolish.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
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
}
