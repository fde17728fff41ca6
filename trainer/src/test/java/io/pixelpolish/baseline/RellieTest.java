package io.pixelpolish.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.testing.NpzFixtures;
import io.pixelpolish.testing.PixelRange;
import io.pixelpolish.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * ReLLIE's forward path and environment on weights of the real shapes written here (the layer
 * shapes are fixed, so they cannot be made tiny); the authors' weights are run in RellieReferenceTest.
 */
class RellieTest extends WeightsFileTest {
    private Path weights(String skip, UnaryOperator<NDArray> fill) throws IOException {
        return NpzFixtures.rellie(
                manager, dir.resolve("rellie-" + (skip == null ? "all" : skip.replace('/', '_')) + ".npz"), skip, fill);
    }

    @Test
    void runsOnAnyImageSizeStaysInRangeAndRepeatsItself() throws IOException {
        NDArray image =
                TestImages.dark(TestImages.scene(manager, 1, 41, 3, false)).get(":, :, 0:23, 0:37");
        try (Rellie model = Rellie.load(weights(null, a -> a), manager)) {
            NDArray out = model.enhance(image);
            assertThat(model.name()).isEqualTo("rellie");
            assertThat(out.getShape()).isEqualTo(image.getShape());
            assertThat(out.isNaN().any().getBoolean()).isFalse();
            PixelRange range = PixelRange.of(out.toFloatArray());
            assertThat(range.min()).isGreaterThanOrEqualTo(0f);
            assertThat(range.max()).isLessThanOrEqualTo(1f);
            assertThat(model.enhance(image).contentEquals(out)).isTrue();
            NDArray actions = model.actions(image.flip(1));
            assertThat(actions.getShape()).isEqualTo(image.getShape());
            assertThat(actions.min().toType(DataType.INT32, false).getInt()).isGreaterThanOrEqualTo(0);
            assertThat(actions.max().toType(DataType.INT32, false).getInt()).isLessThan(Rellie.ACTIONS);
        }
    }

    /**
     * On a constant 0.2 state with actions 26, 6 and 0 the moves are 1.0, 0 and -0.3, so the curve
     * amounts are 1.0, 0.1*0 + 0.9*1.0 = 0.9 and 0.1*(-0.3) + 0.9*1.0 = 0.87; with x (1 - x) = 0.16
     * and the 0.8 / 0.2 blend the state becomes 0.2 + 0.8 * amount * 0.16.
     */
    @Test
    void oneStepIsTheCurveOfTheChosenMovesBlendedWithTheState() {
        NDArray state = manager.full(new Shape(1, 3, 2, 2), 0.2f);
        NDArray actions =
                manager.create(new float[] {26, 6, 0}).reshape(1, 3, 1, 1).broadcast(1, 3, 2, 2);
        float[] next = Rellie.step(state, actions).toFloatArray();
        float[] expected = {0.328f, 0.3152f, 0.31136f};
        for (int i = 0; i < next.length; i++) {
            assertThat(next[i]).as("value %d", i).isCloseTo(expected[i / 4], offset(1e-6f));
        }
        NDArray neutral = manager.full(new Shape(1, 3, 2, 2), (float) Rellie.NEUTRAL);
        assertThat(Rellie.step(state, neutral).sub(state).abs().max().getFloat())
                .as("the neutral action leaves the state")
                .isLessThan(1e-7f);
    }

    /**
     * With every weight zero but the heads' biases, each head picks one action everywhere: the "r"
     * head 26 (move 1.0), "g" 6 (0) and "b" 16 (0.5). The heads act on the BGR image, so blue curves
     * by 1.0, green by 0.9 and red by 0.1*0.5 + 0.9 = 0.95, six times, each x + 0.8 a x (1 - x).
     */
    @Test
    void theHeadsDriveBlueGreenRedForSixSteps() throws IOException {
        int[] chosen = {26, 6, 16};
        String[] heads = {"conv7_r_pi/model/b", "conv7_g_pi/model/b", "conv7_b_pi/model/b"};
        UnaryOperator<NDArray> fill = a -> {
            for (int k = 0; k < heads.length; k++) {
                if (heads[k].equals(a.getName())) {
                    float[] bias = new float[Rellie.ACTIONS];
                    bias[chosen[k]] = 1f;
                    return manager.create(bias);
                }
            }
            return a.zerosLike();
        };
        float[] input = {0.1f, 0.2f, 0.3f};
        double[] amounts = {0.95, 0.9, 1.0};
        NDArray image = manager.create(input).reshape(1, 3, 1, 1).broadcast(1, 3, 5, 7);
        try (Rellie model = Rellie.load(weights(null, fill), manager)) {
            float[] out = model.enhance(image).toFloatArray();
            for (int c = 0; c < 3; c++) {
                double x = input[c];
                for (int t = 0; t < 6; t++) {
                    x = x + 0.8 * amounts[c] * x * (1 - x);
                }
                for (int i = c * 35; i < (c + 1) * 35; i++) {
                    assertThat(out[i]).as("channel %d", c).isCloseTo((float) x, offset(1e-5f));
                }
            }
        }
    }

    @Test
    void incompleteOrForeignWeightsAreRefusedByName() throws IOException {
        Path partial = weights("conv7_b_pi/model/W", a -> a);
        assertThatThrownBy(() -> Rellie.load(partial, manager)).hasMessageContaining("lacks array conv7_b_pi/model/W");
        NDList zeroDce = new NDList(NpzFixtures.random(manager, "e_conv1.weight", 32, 3, 3, 3));
        Path foreign = NpzFixtures.write(dir.resolve("dce.npz"), zeroDce);
        assertThatThrownBy(() -> Rellie.load(foreign, manager)).hasMessageContaining("lacks array conv1/W");
        Path junk = Files.writeString(dir.resolve("junk.npz"), "not a zip");
        assertThatThrownBy(() -> Rellie.load(junk, manager)).hasMessageContaining("junk.npz");
    }
}
