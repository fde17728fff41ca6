package io.pixelpolish.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupRelativeTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void returnsAreZNormalisedWithinEachGroupAtEachStep() {
        // two steps, two groups of two samples: [g0a, g0b, g1a, g1b]
        NDArray rewards = manager.create(new float[] {1, 3, 10, 10, 0, 0, 5, 1}, new Shape(2, 4));
        Gae.Result r = GroupRelative.compute(rewards, 2, 1f);
        // returns-to-go: step 0 = [1, 3, 15, 11], step 1 = [0, 0, 5, 1]
        assertThat(r.returns().toFloatArray()).containsExactly(new float[] {1, 3, 15, 11, 0, 0, 5, 1}, offset(1e-6f));
        // each pair becomes (-1, +1) by its own mean and std; a tie gives 0
        assertThat(r.advantages().toFloatArray())
                .containsExactly(new float[] {-1, 1, 1, -1, 0, 0, 1, -1}, offset(1e-4f));
    }

    @Test
    void perPixelRewardsAreNormalisedPixelByPixel() {
        NDArray rewards = manager.randomUniform(0, 1, new Shape(3, 6, 4, 4));
        NDArray advantages = GroupRelative.compute(rewards, 3, 0.9f).advantages();
        assertThat(advantages.getShape()).isEqualTo(new Shape(3, 6, 4, 4));
        NDArray groupMeans = advantages.reshape(3, 2, 3, 4, 4).mean(new int[] {2});
        assertThat(groupMeans.abs().max().getFloat()).isLessThan(1e-5f);
    }

    @Test
    void batchesMustHoldWholeGroups() {
        assertThatThrownBy(() -> GroupRelative.compute(manager.zeros(new Shape(2, 5)), 2, 1f))
                .hasMessageContaining("not a multiple of the group size 2");
    }
}
