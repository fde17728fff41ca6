package io.pixelpolish.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.image.ImageTensors;
import io.pixelpolish.reward.FullReferenceMetrics;
import io.pixelpolish.tensor.ImageStats;
import io.pixelpolish.testing.PixelRange;
import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The authors' ReLLIE weights (../shared/baselines/rellie/model.npz) on the first LOL eval15 pairs
 * of ../shared/data: they brighten the dark input and bring it nearer its ground truth. No
 * published per-image ReLLIE figures were found to compare with, so this checks the direction and
 * the range, and prints each image's figures.
 */
class RellieReferenceTest {
    private static final int IMAGES = 3;

    @Test
    void theAuthorsWeightsBrightenLowLightImagesTowardsTheirGroundTruth() throws IOException {
        Path pairs = SharedData.require("lowlight/LOL_eval15");
        Path weights =
                SharedData.location().resolve("../baselines/rellie/model.npz").normalize();
        Assumptions.assumeTrue(
                Files.isRegularFile(weights), () -> "skipped: ReLLIE weights not present (no file " + weights + ")");
        List<Path> lows = ImageFiles.listImages(pairs.resolve("low"));
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                Rellie rellie = Rellie.load(weights, manager)) {
            for (Path low : lows.subList(0, Math.min(IMAGES, lows.size()))) {
                try (NDScope scope = new NDScope()) {
                    NDArray input = ImageTensors.toTensor(manager, ImageFiles.read(low, ByteSwap.NEVER));
                    NDArray truth = ImageTensors.toTensor(
                            manager, ImageFiles.read(pairs.resolve("high").resolve(low.getFileName()), ByteSwap.NEVER));
                    NDArray result = rellie.enhance(input);
                    String image = low.getFileName().toString();
                    float lumaBefore = ImageStats.luma(input).mean().getFloat();
                    float lumaAfter = ImageStats.luma(result).mean().getFloat();
                    double psnrBefore = FullReferenceMetrics.psnr(input, truth);
                    double psnrAfter = FullReferenceMetrics.psnr(result, truth);
                    System.out.printf(
                            "rellie %s: mean luma %.3f -> %.3f, PSNR %.2f -> %.2f dB, SSIM %.3f%n",
                            image,
                            lumaBefore,
                            lumaAfter,
                            psnrBefore,
                            psnrAfter,
                            FullReferenceMetrics.ssim(result, truth));
                    assertThat(result.getShape()).as(image).isEqualTo(input.getShape());
                    assertThat(result.isNaN().any().getBoolean())
                            .as(image + " has NaN")
                            .isFalse();
                    PixelRange range = PixelRange.of(result.toFloatArray());
                    assertThat(range.min()).as(image).isGreaterThanOrEqualTo(0f);
                    assertThat(range.max()).as(image).isLessThanOrEqualTo(1f);
                    assertThat(lumaAfter).as(image + " mean luma").isGreaterThan(lumaBefore + 0.1f);
                    assertThat(psnrAfter).as(image + " PSNR").isGreaterThan(psnrBefore + 3);
                    scope.suppressNotUsedWarning();
                }
            }
        }
    }
}
