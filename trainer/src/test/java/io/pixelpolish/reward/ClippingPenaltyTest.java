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
    void costsTheShareOfValuesTheEnhancementStoredAsBlackOrWhite() {
        NDArray start = manager.full(new Shape(1, 3, 8, 8), 0.4f);
        NDArray image = start.duplicate();
        image.set(new NDIndex(":, :, 0:2, :"), 1f); // a blown-out sky: a quarter of the pixels
        image.set(new NDIndex(":, :, 7, :"), 0f); // a crushed shadow: an eighth

        assertThat(clipping.score(new RewardInput(image, start)).getFloat(0)).isCloseTo(-0.375f, offset(1e-6f));
    }

    @Test
    void countsEachChannelSoASingleSaturatedChannelCostsAThird() {
        NDArray start = manager.full(new Shape(1, 3, 8, 8), 0.5f);
        NDArray image = start.duplicate();
        image.set(new NDIndex(":, 2"), 1f);

        NDArray map = clipping.scoreMap(new RewardInput(image, start));
        assertThat(map.getShape()).isEqualTo(new Shape(1, 1, 8, 8));
        assertThat(map.getFloat(0, 0, 3, 3)).isCloseTo(-1f / 3, offset(1e-6f));
    }

    @Test
    void valuesAlreadyClippedInTheEpisodesInputAreNeitherCostNorPaid() {
        NDArray start = manager.full(new Shape(1, 3, 8, 8), 0.4f);
        start.set(new NDIndex(":, :, 0:2, :"), 0f); // a night sky, black in the input
        start.set(new NDIndex(":, :, 7, :"), 1f); // a lamp, white in the input
        NDArray lifted = start.add(0.1f).clip(0f, 1f); // the sky lifted to gray, the lamp still white
        NDArray blownOut = start.mul(3f).clip(0f, 1f); // the 0.4 rows pushed to white

        assertThat(clipping.score(new RewardInput(start)).getFloat(0)).isZero();
        assertThat(clipping.score(new RewardInput(lifted, start)).getFloat(0)).isZero();
        assertThat(clipping.score(new RewardInput(blownOut, start)).getFloat(0)).isCloseTo(-0.625f, offset(1e-6f));
    }

    @Test
    void valuesThatRoundInsideTheEightBitRangeAreNotClipped() {
        NDArray start = manager.full(new Shape(1, 3, 8, 8), 0.5f);
        NDArray nearlyWhite = manager.full(new Shape(1, 3, 8, 8), 254f / 255f);
        NDArray nearlyBlack = manager.full(new Shape(1, 3, 8, 8), 1f / 255f);

        assertThat(clipping.score(new RewardInput(nearlyWhite, start)).getFloat(0))
                .isZero();
        assertThat(clipping.score(new RewardInput(nearlyBlack, start)).getFloat(0))
                .isZero();
    }
}
