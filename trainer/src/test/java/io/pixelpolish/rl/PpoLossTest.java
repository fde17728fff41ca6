package io.pixelpolish.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PpoLossTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void clippedSurrogateOnHandMadeRatios() {
        // image 0 has A = +1, image 1 has A = -1; two pixels each
        NDArray ratio = manager.create(new float[] {0.5f, 1.5f, 0.5f, 1.5f}, new Shape(2, 1, 2));
        NDArray advantages = manager.create(new float[] {1f, -1f}, new Shape(2, 1, 1));
        // A > 0: min(0.5, 0.8) = 0.5 and min(1.5, 1.2) = 1.2; A < 0: min(-0.5, -0.8) = -0.8 and min(-1.5, -1.2) = -1.5
        float expected = -(0.5f + 1.2f - 0.8f - 1.5f) / 4;
        assertThat(PpoLoss.clippedSurrogate(ratio, advantages, 0.2f).getFloat()).isCloseTo(expected, offset(1e-6f));
    }

    @Test
    void atRatioOneTheLossIsMinusTheMeanAdvantageAndNothingIsClipped() {
        NDArray ratio = manager.ones(new Shape(3, 4, 4));
        NDArray advantages = manager.create(new float[] {0.3f, -1f, 2f}, new Shape(3, 1, 1));
        assertThat(PpoLoss.clippedSurrogate(ratio, advantages, 0.2f).getFloat())
                .isCloseTo(-(0.3f - 1f + 2f) / 3, offset(1e-6f));
        assertThat(PpoLoss.clipFraction(ratio, 0.2f).getFloat()).isZero();
        assertThat(PpoLoss.approxKl(ratio, manager.zeros(new Shape(3, 4, 4))).getFloat())
                .isZero();
    }

    @Test
    void clipFractionAndKlEstimate() {
        NDArray ratio = manager.create(new float[] {0.7f, 1f, 1.1f, 1.3f});
        assertThat(PpoLoss.clipFraction(ratio, 0.2f).getFloat()).isCloseTo(0.5f, offset(1e-6f));
        NDArray logRatio = ratio.log();
        double expected = 0;
        for (float r : ratio.toFloatArray()) {
            expected += (r - 1) - Math.log(r);
        }
        assertThat((double) PpoLoss.approxKl(ratio, logRatio).getFloat()).isCloseTo(expected / 4, offset(1e-6));
    }
}
