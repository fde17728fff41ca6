package io.pixelpolish.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.testing.TestConfigs;
import org.junit.jupiter.api.Test;

class PolicyValueFCNTest {
    private final PixelPolishConfig cfg = TestConfigs.tiny();

    @Test
    void headsKeepTheSpatialSizeOfAnyInput() {
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu());
                NDManager m = agent.manager().newSubManager()) {
            for (Shape in : new Shape[] {new Shape(2, 3, 32, 32), new Shape(1, 3, 17, 45), new Shape(3, 3, 64, 8)}) {
                PolicyAgent.Output out = agent.forward(m.randomUniform(0, 1, in), false);
                Shape map = new Shape(in.get(0), 3, in.get(2), in.get(3));
                assertThat(out.mu().getShape()).isEqualTo(map);
                assertThat(out.logStd().getShape()).isEqualTo(map);
                assertThat(out.valueMap().getShape()).isEqualTo(new Shape(in.get(0), 1, in.get(2), in.get(3)));
                assertThat(agent.value(out.valueMap()).getShape()).isEqualTo(new Shape(in.get(0)));
            }
        }
    }

    @Test
    void rejectsInputsThatAreNotThreeChannelImages() {
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu());
                NDManager m = agent.manager().newSubManager()) {
            assertThatThrownBy(() -> agent.forward(m.zeros(new Shape(2, 1, 32, 32)), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("observation: expected shape (*, 3, *, *), got (2, 1, 32, 32)");
        }
    }

    @Test
    void receptiveFieldIsTwentyFivePixelsForDilationsOneToFour() {
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu());
                NDManager m = agent.manager().newSubManager()) {
            assertThat(agent.network().receptiveField()).isEqualTo(25);
            int size = 41, center = 20;
            NDArray base = m.randomUniform(0.2f, 0.8f, new Shape(1, 3, size, size), DataType.FLOAT32);
            NDArray poked = base.duplicate();
            poked.set(new ai.djl.ndarray.index.NDIndex(":, :, {}, {}", center, center), 1.5f);
            float[] change = agent.forward(poked, false)
                    .mu()
                    .sub(agent.forward(base, false).mu())
                    .abs()
                    .sum(new int[] {0, 1})
                    .toFloatArray();
            int radius = 12;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int distance = Math.max(Math.abs(y - center), Math.abs(x - center));
                    if (distance > radius) {
                        assertThat(change[y * size + x])
                                .as("output (%d,%d) outside the field", y, x)
                                .isZero();
                    }
                }
            }
            assertThat(change[center * size + center - radius])
                    .as("edge of the field sees the pixel")
                    .isGreaterThan(0f);
        }
    }

    @Test
    void startsAtTheIdentityCurveWithTheConfiguredNoise() {
        // Seeded as the trainer seeds the engine before it builds the network: an unseeded draw of
        // the trunk's weights now and then lands the mean curve just outside the tolerance.
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) cfg.seed());
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu());
                NDManager m = agent.manager().newSubManager()) {
            PolicyAgent.Output out = agent.forward(m.randomUniform(0, 1, new Shape(2, 3, 32, 32)), false);
            float[] curve = agent.actions()
                    .curveParameters(out.mu())
                    .transpose(1, 0, 2, 3)
                    .reshape(3, -1)
                    .mean(new int[] {1})
                    .toFloatArray();
            assertThat(curve[0]).as("gamma").isCloseTo(1f, org.assertj.core.data.Offset.offset(0.05f));
            assertThat(curve[1]).as("alpha").isCloseTo(1f, org.assertj.core.data.Offset.offset(0.05f));
            assertThat(curve[2]).as("beta").isCloseTo(0f, org.assertj.core.data.Offset.offset(0.01f));
            assertThat(out.logStd().mean().getFloat())
                    .isCloseTo((float) cfg.action().initLogStd(), org.assertj.core.data.Offset.offset(0.05f));
        }
    }
}
