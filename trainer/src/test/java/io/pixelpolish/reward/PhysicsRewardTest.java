package io.pixelpolish.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.tensor.ImageStats;
import io.pixelpolish.testing.TestImages;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PhysicsRewardTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
    private final List<RewardTerm> terms =
            List.of(new SobelGradient(), new SoftHistogramEntropy(64, 16), new AgaianEme(8, 0.02));

    @AfterEach
    void close() {
        manager.close();
    }

    /** A gray image given as luminance {@code [B,1,H,W]}, replicated to RGB as the trainer does. */
    private static RewardInput gray(NDArray luma) {
        return new RewardInput(luma.repeat(1, 3));
    }

    @Test
    void everyTermScoresAContrastStretchedImageAboveItsDarkVersion() {
        NDArray scene = TestImages.scene(manager, 4, 64, 7, false);
        NDArray dark = TestImages.dark(scene);
        NDArray stretched = stretch(dark);
        for (RewardTerm term : terms) {
            float[] darkScore = term.score(new RewardInput(dark)).toFloatArray();
            float[] stretchedScore = term.score(new RewardInput(stretched)).toFloatArray();
            assertThat(darkScore).hasSize(4);
            for (int i = 0; i < 4; i++) {
                assertThat(stretchedScore[i]).as("%s image %d", term.name(), i).isGreaterThan(darkScore[i] * 1.1f);
            }
        }
    }

    /** Per-image min-max stretch to [0, 1]. */
    private static NDArray stretch(NDArray x) {
        long b = x.getShape().get(0);
        NDArray flat = x.reshape(b, -1);
        NDArray min = flat.min(new int[] {1}, true).reshape(b, 1, 1, 1);
        NDArray max = flat.max(new int[] {1}, true).reshape(b, 1, 1, 1);
        return x.sub(min).div(max.sub(min));
    }

    @Test
    void sobelOfARampIsEightTimesItsSlope() {
        float slope = 0.01f;
        float[] ramp = new float[16 * 16];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = slope * (i % 16);
        }
        NDArray luma = manager.create(ramp, new Shape(1, 1, 16, 16));
        assertThat(new SobelGradient().score(gray(luma)).getFloat()).isCloseTo(8 * slope, offset(1e-5f));
        assertThat(SobelGradient.magnitude(luma).getShape()).isEqualTo(new Shape(1, 1, 14, 14));
        assertThat(new SobelGradient()
                        .score(gray(manager.full(new Shape(1, 1, 16, 16), 0.4f)))
                        .getFloat())
                .isCloseTo(0f, offset(1e-5f));
    }

    @Test
    void entropyIsLowForAFlatImageAndNearItsMaximumForUniformNoise() {
        SoftHistogramEntropy entropy = new SoftHistogramEntropy(64, 16);
        float flat = entropy.score(gray(manager.full(new Shape(1, 1, 32, 32), 0.5f + 0.5f / 64)))
                .getFloat();
        float noise = entropy.score(gray(manager.randomUniform(0, 1, new Shape(1, 1, 128, 128))))
                .getFloat();
        assertThat(flat).isLessThan(1.2f);
        assertThat(noise).isBetween(5.8f, 6f);
    }

    @Test
    void emeAveragesTheBlockContrastInDecibels() {
        float[] pixels = new float[8 * 16];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                pixels[y * 16 + x] = x < 8 ? ((x + y) % 2 == 0 ? 0.1f : 0.5f) : 0.3f;
            }
        }
        float eme = new AgaianEme(8, 0.02)
                .score(gray(manager.create(pixels, new Shape(1, 1, 8, 16))))
                .getFloat();
        double leftBlock = 20 * Math.log10(0.52 / 0.12);
        assertThat((double) eme).isCloseTo(leftBlock / 2, offset(1e-4));
    }

    @Test
    void lumaUsesBt601WeightsAndKeepsGrayUnchanged() {
        NDArray rgb = manager.create(new float[] {1f, 0f, 0f}, new Shape(1, 3, 1, 1));
        assertThat(ImageStats.luma(rgb).getFloat()).isCloseTo(0.299f, offset(1e-6f));
        NDArray gray = manager.full(new Shape(1, 3, 2, 2), 0.42f);
        assertThat(ImageStats.luma(gray).toFloatArray()).containsOnly(0.42f);
    }

    @Test
    void localMapsAverageToTheImageScoresAndFollowLocalContent() {
        NDArray scene = TestImages.scene(manager, 2, 32, 11, false);
        RewardInput input = new RewardInput(scene);
        for (RewardTerm term : List.of(new SobelGradient(), new AgaianEme(8, 0.02))) {
            NDArray map = term.scoreMap(input);
            assertThat(map.getShape()).isEqualTo(new Shape(2, 1, 32, 32));
            assertThat(ImageStats.perImageMean(map).toFloatArray())
                    .as(term.name())
                    .containsExactly(
                            term.score(input).toFloatArray(), offset(term instanceof SobelGradient ? 0.05f : 1e-4f));
        }
        // left half flat, right half noise: local entropy is low on the left and high on the right
        NDArray half = NDArrays.concat(
                new NDList(
                        manager.full(new Shape(1, 3, 32, 16), 0.5f),
                        manager.randomUniform(0, 1, new Shape(1, 1, 32, 16)).repeat(1, 3)),
                3);
        NDArray local = new SoftHistogramEntropy(64, 16).scoreMap(new RewardInput(half));
        assertThat(local.get("0, 0, :, 0:16").mean().getFloat()).isLessThan(1.2f);
        assertThat(local.get("0, 0, :, 16:32").mean().getFloat()).isGreaterThan(5f);
    }

    @Test
    void imageLevelTermsSpreadTheirScoreOverThePixels() {
        RewardTerm constant = new RewardTerm() {
            @Override
            public String name() {
                return "constant";
            }

            @Override
            public NDArray score(RewardInput input) {
                return input.rgb().getManager().create(new float[] {1f, 2f});
            }
        };
        NDArray map = constant.scoreMap(new RewardInput(manager.zeros(new Shape(2, 3, 4, 4))));
        assertThat(map.getShape()).isEqualTo(new Shape(2, 1, 4, 4));
        assertThat(map.get("1").toFloatArray()).containsOnly(2f);
    }
}
