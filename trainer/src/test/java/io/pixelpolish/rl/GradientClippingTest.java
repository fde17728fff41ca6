package io.pixelpolish.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GradientClippingTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void scalesAllGradientsTogetherDownToTheMaximumNorm() {
        NDArray a = manager.create(new float[] {3f, 0f});
        NDArray b = manager.create(new float[] {0f, 4f, 0f});
        NDArray norm = GradientClipping.clipGlobalNorm(List.of(a, b), 1f);
        assertThat(norm.getFloat()).isCloseTo(5f, offset(1e-5f));
        assertThat(a.toFloatArray()).containsExactly(new float[] {0.6f, 0f}, offset(1e-5f));
        assertThat(b.toFloatArray()).containsExactly(new float[] {0f, 0.8f, 0f}, offset(1e-5f));
    }

    @Test
    void leavesSmallGradientsAlone() {
        NDArray a = manager.create(new float[] {0.1f, -0.2f});
        GradientClipping.clipGlobalNorm(List.of(a), 1f);
        assertThat(a.toFloatArray()).containsExactly(new float[] {0.1f, -0.2f}, offset(1e-6f));
    }
}
