package io.pixelpolish.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.config.ConfigException;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.testing.TestConfigs;
import io.pixelpolish.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompositeRewardTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void rowsAreWeightTimesScaleTimesTermAndSkipZeroWeights() {
        PixelPolishConfig.Reward cfg = TestConfigs.tiny(
                        "reward.weights.eme=0", "reward.weights.gradient=2", "reward.scales.gradient=3")
                .reward();
        CompositeReward reward = CompositeReward.fromConfig(cfg);
        assertThat(reward.termNames()).containsExactly("gradient", "entropy");
        NDArray images = TestImages.scene(manager, 3, 32, 1, false);
        NDArray scores = reward.score(images).perTerm();
        assertThat(scores.getShape()).isEqualTo(new Shape(2, 3));
        RewardInput input = new RewardInput(images);
        float[] gradient = new SobelGradient().score(input).mul(6f).toFloatArray();
        float[] entropy = new SoftHistogramEntropy(cfg.entropyBins(), cfg.entropyWindow())
                .score(input)
                .mul((float) (0.5 * cfg.scales().entropy()))
                .toFloatArray();
        assertThat(scores.get(0).toFloatArray()).containsExactly(gradient, offset(1e-5f));
        assertThat(scores.get(1).toFloatArray()).containsExactly(entropy, offset(1e-5f));
    }

    @Test
    void aRewardWithoutAnyAvailableTermIsRefused() {
        assertThatThrownBy(() -> CompositeReward.fromConfig(TestConfigs.tiny(
                                "reward.weights.gradient=0",
                                "reward.weights.entropy=0",
                                "reward.weights.eme=0",
                                "reward.weights.clipiqa=1")
                        .reward()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("at least one positive weight whose term is available");
    }
}
