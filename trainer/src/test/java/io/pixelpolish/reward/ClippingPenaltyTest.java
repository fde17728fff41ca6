package io.pixelpolish.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClippingPenaltyTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
    private final ClippingPenalty clipping = new ClippingPenalty();

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void costsTheShareOfValuesStoredAsBlackOrWhite() {
        NDArray image = manager.full(new Shape(1, 3, 8, 8), 0.4f);
        image.set(new NDIndex(":, :, 0:2, :"), 1f); // a blown-out sky: a quarter of the pixels
        image.set(new NDIndex(":, :, 7, :"), 0f); // a crushed shadow: an eighth

        assertThat(clipping.score(new RewardInput(image)).getFloat(0)).isCloseTo(-0.375f, offset(1e-6f));
    }

    @Test
    void countsEachChannelSoASingleSaturatedChannelCostsAThird() {
        NDArray image = manager.full(new Shape(1, 3, 8, 8), 0.5f);
        image.set(new NDIndex(":, 2"), 1f);

        NDArray map = clipping.scoreMap(new RewardInput(image));
        assertThat(map.getShape()).isEqualTo(new Shape(1, 1, 8, 8));
        assertThat(map.getFloat(0, 0, 3, 3)).isCloseTo(-1f / 3, offset(1e-6f));
    }

    @Test
    void valuesThatRoundInsideTheEightBitRangeAreNotClipped() {
        NDArray nearlyWhite = manager.full(new Shape(1, 3, 8, 8), 254f / 255f);
        NDArray nearlyBlack = manager.full(new Shape(1, 3, 8, 8), 1f / 255f);

        assertThat(clipping.score(new RewardInput(nearlyWhite)).getFloat(0)).isZero();
        assertThat(clipping.score(new RewardInput(nearlyBlack)).getFloat(0)).isZero();
    }
}
