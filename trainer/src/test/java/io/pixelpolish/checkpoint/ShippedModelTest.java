package io.pixelpolish.checkpoint;

import static io.pixelpolish.testing.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.config.PixelPolishConfig.DeviceChoice;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.image.ImageTensors;
import io.pixelpolish.inference.PolicyEnhancer;
import io.pixelpolish.reward.FullReferenceMetrics;
import io.pixelpolish.testing.CliRunner.Run;
import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The released policy in the jar: what configs/release.yaml describes, the default of enhance, and as good as its model card says. */
class ShippedModelTest {
    @TempDir
    Path dir;

    @Test
    void theShippedPolicyWasTrainedWithTheReleaseRecipe() throws IOException {
        Checkpoint checkpoint = CheckpointStore.read(ShippedModel.checkpoint());
        PixelPolishConfig recorded =
                ConfigLoader.recorded("shipped", checkpoint.configYaml()).config();
        PixelPolishConfig recipe =
                ConfigLoader.load("base", List.of("release"), List.of()).config();
        assertThat(recorded.action()).isEqualTo(recipe.action());
        assertThat(recorded.model()).isEqualTo(recipe.model());
        assertThat(recorded.reward()).isEqualTo(recipe.reward());
        assertThat(recorded.data()).isEqualTo(recipe.data());
        assertThat(checkpoint.update())
                .as("the release is the run's best validated checkpoint")
                .isBetween(1, recipe.train().totalUpdates());
        assertThat(checkpoint.update() % recipe.validation().every())
                .as("update %d is one the ruler validated", checkpoint.update())
                .isZero();
    }

    @Test
    void enhanceUsesTheShippedPolicyWhenNoCheckpointIsGiven() throws IOException {
        Path input = SharedData.repoRoot().resolve("examples/images");
        Path out = dir.resolve("out");
        Run r = run("enhance", "--input", input.toString(), "--output", out.toString(), "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        DecodedImage dark = ImageFiles.read(input.resolve("lowlight/astronaut_dark.png"), ByteSwap.NEVER);
        DecodedImage enhanced = ImageFiles.read(out.resolve("lowlight/astronaut_dark.png"), ByteSwap.NEVER);
        assertThat(enhanced.channels()).isEqualTo(3);
        assertThat(mean(enhanced.pixels())).as("a dark image is brightened").isGreaterThan(mean(dark.pixels()) + 0.15);
        DecodedImage thermal = ImageFiles.read(out.resolve("ir/flir_moving_mercedes_RAW.tif"), ByteSwap.NEVER);
        assertThat(thermal.channels()).isEqualTo(1);
        assertThat(thermal.bitDepth()).isEqualTo(16);
    }

    /** A regression floor under the model card's LOL figures (shared data only). */
    @Test
    void onLolPairsTheShippedPolicyBeatsTheInputByFar() throws IOException {
        Path pairs = SharedData.require("lowlight/LOL_eval15");
        double psnr = 0;
        int count = 0;
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                PolicyEnhancer policy =
                        PolicyEnhancer.fromCheckpoint(ShippedModel.checkpoint(), DeviceChoice.CPU, null, 512, null);
                Stream<Path> lows = Files.list(pairs.resolve("low"))) {
            for (Path low : lows.sorted().toList()) {
                NDArray input = ImageTensors.toTensor(manager, ImageFiles.read(low, ByteSwap.NEVER));
                NDArray truth = ImageTensors.toTensor(
                        manager, ImageFiles.read(pairs.resolve("high").resolve(low.getFileName()), ByteSwap.NEVER));
                psnr += FullReferenceMetrics.psnr(policy.enhance(input), truth);
                count++;
            }
        }
        assertThat(psnr / count)
                .as("mean PSNR over %d LOL pairs (input: 6.8 dB)", count)
                .isGreaterThan(PSNR_FLOOR);
    }

    private static final double PSNR_FLOOR = 12.0;

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
