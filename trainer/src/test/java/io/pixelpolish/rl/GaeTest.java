package io.pixelpolish.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GaeTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void matchesAHandComputedExample() {
        // T = 3, one image; gamma 0.9, lambda 0.8, terminal after the last step
        NDArray rewards = manager.create(new float[] {1f, 0f, 2f}, new Shape(3, 1));
        NDArray values = manager.create(new float[] {0.5f, 1f, 1.5f}, new Shape(3, 1));
        Gae.Result r = Gae.compute(rewards, values, manager.zeros(new Shape(1)), 0.9f, 0.8f);
        double d2 = 2 - 1.5; // 0.5
        double d1 = 0 + 0.9 * 1.5 - 1; // 0.35
        double d0 = 1 + 0.9 * 1 - 0.5; // 1.4
        double a2 = d2, a1 = d1 + 0.72 * a2, a0 = d0 + 0.72 * a1;
        assertThat(r.advantages().toFloatArray())
                .containsExactly(new float[] {(float) a0, (float) a1, (float) a2}, offset(1e-6f));
        assertThat(r.returns().toFloatArray())
                .containsExactly(new float[] {(float) a0 + 0.5f, (float) a1 + 1f, (float) a2 + 1.5f}, offset(1e-6f));
    }

    @Test
    void bootstrapsFromTheLastValueWhenTheEpisodeIsCutOff() {
        NDArray rewards = manager.create(new float[] {1f}, new Shape(1, 1));
        NDArray values = manager.create(new float[] {0f}, new Shape(1, 1));
        Gae.Result r = Gae.compute(rewards, values, manager.create(new float[] {2f}), 0.5f, 0.9f);
        assertThat(r.advantages().getFloat(0, 0)).isCloseTo(2f, offset(1e-6f));
    }

    @Test
    void lambdaOneAndGammaOneGiveRewardToGoMinusValue() {
        NDArray rewards = manager.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(3, 2));
        NDArray values = manager.create(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f}, new Shape(3, 2));
        Gae.Result r = Gae.compute(rewards, values, manager.zeros(new Shape(2)), 1f, 1f);
        float[] toGo = {1 + 3 + 5, 2 + 4 + 6, 3 + 5, 4 + 6, 5, 6};
        float[] expected = new float[6];
        float[] v = values.toFloatArray();
        for (int i = 0; i < 6; i++) {
            expected[i] = toGo[i] - v[i];
        }
        assertThat(r.advantages().toFloatArray()).containsExactly(expected, offset(1e-5f));
        assertThat(r.returns().toFloatArray()).containsExactly(toGo, offset(1e-5f));
    }

    @Test
    void perPixelMapsGiveTheSameAnswerPixelByPixel() {
        Shape map = new Shape(4, 2, 3, 5);
        NDArray rewards = manager.randomUniform(-1, 1, map);
        NDArray values = manager.randomUniform(-1, 1, map);
        NDArray last = manager.randomUniform(-1, 1, map.slice(1));
        Gae.Result spatial = Gae.compute(rewards, values, last, 0.99f, 0.95f);
        assertThat(spatial.advantages().getShape()).isEqualTo(map);
        Gae.Result flat = Gae.compute(rewards.reshape(4, 30), values.reshape(4, 30), last.reshape(30), 0.99f, 0.95f);
        assertThat(spatial.advantages().toFloatArray())
                .containsExactly(flat.advantages().toFloatArray(), offset(1e-6f));
    }

    @Test
    void mismatchedShapesAreRefused() {
        assertThatThrownBy(() -> Gae.compute(
                        manager.zeros(new Shape(3, 2)),
                        manager.zeros(new Shape(3, 4)),
                        manager.zeros(new Shape(2)),
                        1,
                        1))
                .hasMessageContaining("GAE shapes disagree");
    }
}
