package io.pixelpolish.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.config.ConfigException;
import io.pixelpolish.reward.iqa.Brisque;
import io.pixelpolish.reward.iqa.IqaMetrics;
import io.pixelpolish.reward.iqa.Niqe;
import io.pixelpolish.reward.iqa.QualityMetric;
import io.pixelpolish.testing.Floats;
import io.pixelpolish.testing.TestConfigs;
import io.pixelpolish.testing.TestImages;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NR-IQA terms inside the composite reward: built from the config, negated, soft dependencies. */
class IqaTermsTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());

    @AfterEach
    void close() {
        manager.close();
    }

    private static Path model(String name) throws URISyntaxException {
        return Path.of(IqaTermsTest.class
                .getResource("/io/pixelpolish/reward/iqa/" + name)
                .toURI());
    }

    @Test
    void niqeAndBrisqueArePaidNegatedWithWeightTimesScale() {
        CompositeReward reward = CompositeReward.fromConfig(TestConfigs.tiny(
                        "train.crop_size=192",
                        "reward.weights.niqe=2",
                        "reward.weights.brisque=1",
                        "reward.scales.brisque=0.5")
                .reward());
        assertThat(reward.termNames()).containsExactly("gradient", "entropy", "eme", "niqe", "brisque");
        NDArray images = TestImages.scene(manager, 2, 192, 3, false);
        NDArray perTerm = reward.score(images).perTerm();
        float[][] scores = {perTerm.get(3).toFloatArray(), perTerm.get(4).toFloatArray()};
        float[] niqe = Niqe.pristine().score(images).toFloatArray();
        float[] brisque = Brisque.live().score(images).toFloatArray();
        for (int b = 0; b < 2; b++) {
            assertThat(scores[0][b])
                    .isCloseTo(-2 * 0.1f * Math.min(niqe[b], (float) IqaTerms.NIQE_WORST), offset(1e-4f));
            assertThat(scores[1][b])
                    .isCloseTo(-0.5f * Math.min(brisque[b], (float) IqaTerms.BRISQUE_WORST), offset(1e-4f));
        }
    }

    @Test
    void undefinedAndExtremeScoresSaturateAtTheWorstScore() {
        QualityMetricTerm niqe = QualityMetricTerm.lowerIsBetter(Niqe.pristine(), IqaTerms.NIQE_WORST);
        NDArray flat = manager.full(new ai.djl.ndarray.types.Shape(1, 3, 192, 192), 0.3f);
        assertThat(niqe.score(new RewardInput(flat)).getFloat()).isEqualTo((float) -IqaTerms.NIQE_WORST);
    }

    @Test
    void aLearnedTermWithoutItsModelIsDroppedAndTheRestStays() {
        CompositeReward reward = CompositeReward.fromConfig(TestConfigs.tiny(
                        "reward.weights.clipiqa=1", "reward.weights.musiq=1", "reward.musiq_model=/no/such/musiq.pt")
                .reward());
        assertThat(reward.termNames()).containsExactly("gradient", "entropy", "eme");
    }

    @Test
    void learnedTermsJoinWhenTheirFilesAreThere() throws URISyntaxException {
        CompositeReward reward = CompositeReward.fromConfig(TestConfigs.tiny(
                        "reward.weights.clipiqa=1",
                        "reward.clipiqa_model=" + model("clipiqa"),
                        "reward.weights.musiq=1",
                        "reward.musiq_model=" + model("musiq.pt"))
                .reward());
        assertThat(reward.termNames()).containsExactly("gradient", "entropy", "eme", "clipiqa", "musiq");
        NDArray scores =
                reward.score(TestImages.scene(manager, 2, 32, 5, false)).perTerm();
        assertThat(Floats.list(scores.get(3).toFloatArray()))
                .allSatisfy(p -> assertThat(p).isBetween(0f, 1f));
    }

    @Test
    void evaluationGetsTheShippedMeasuresAndTheLearnedOnesThatAreThere() throws URISyntaxException {
        var none = IqaMetrics.available(TestConfigs.tiny().reward());
        assertThat(none).extracting(QualityMetric::name).containsExactly("niqe", "brisque", "brisque_release");
        var all = IqaMetrics.available(
                TestConfigs.tiny("reward.clipiqa_model=" + model("clipiqa"), "reward.musiq_model=" + model("musiq.pt"))
                        .reward());
        assertThat(all)
                .extracting(QualityMetric::name)
                .containsExactly("niqe", "brisque", "brisque_release", "clipiqa", "musiq");
    }

    @Test
    void aModelPathThatHoldsNoUsableModelIsAConfigError(@TempDir Path empty) {
        assertThatThrownBy(() -> CompositeReward.fromConfig(
                        TestConfigs.tiny("reward.weights.clipiqa=1", "reward.clipiqa_model=" + empty)
                                .reward()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("reward.clipiqa_model: " + empty.resolve("image_encoder.pt"));
    }

    @Test
    void niqeAsRewardNeedsCropsWithTwoBlocks() {
        assertThatThrownBy(() -> TestConfigs.tiny("reward.weights.niqe=1", "train.crop_size=128"))
                .hasMessageContaining("train.crop_size: expected >= 192 when reward.weights.niqe > 0");
    }

    @Test
    void theSeedDefaultsKeepClipIqaOnAndItsModelUnconfigured() throws Exception {
        var reward = TestConfigs.tiny().reward();
        assertThat(reward.weights().clipiqa()).isEqualTo(1.0);
        assertThat(reward.clipiqaModel()).isEmpty();
        assertThat(Files.exists(model("clipiqa").resolve("tokenizer.json"))).isTrue();
    }
}
