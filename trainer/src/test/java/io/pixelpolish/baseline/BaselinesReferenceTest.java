package io.pixelpolish.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.image.ImageTensors;
import io.pixelpolish.inference.Enhancer;
import io.pixelpolish.reward.FullReferenceMetrics;
import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our baselines and full-reference metrics against the figures of ../shared/bench/quality_baselines.md
 * on the LOL eval15 pairs: HE and CLAHE through OpenCV, Zero-DCE and Zero-DCE++ from the authors'
 * weights, PSNR and SSIM as scikit-image computes them.
 */
class BaselinesReferenceTest {

    @ParameterizedTest(name = "{0}: {1} dB, SSIM {2}")
    @CsvSource({
        "input, 6.79, 0.175",
        "he, 17.23, 0.560",
        "clahe, 8.04, 0.364",
        "zerodce, 13.17, 0.601",
        "zerodcepp, 13.72, 0.619"
    })
    void lolPairsReproduceTheReferenceFigures(String method, double psnr, double ssim) throws IOException {
        Path pairs = SharedData.require("lowlight/LOL_eval15");
        List<Path> lows = ImageFiles.listImages(pairs.resolve("low"));
        double psnrSum = 0, ssimSum = 0;
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                Enhancer enhancer = enhancer(method, manager)) {
            for (Path low : lows) {
                try (NDScope scope = new NDScope()) {
                    NDArray input = ImageTensors.toTensor(manager, ImageFiles.read(low, ByteSwap.NEVER));
                    NDArray truth = ImageTensors.toTensor(
                            manager, ImageFiles.read(pairs.resolve("high").resolve(low.getFileName()), ByteSwap.NEVER));
                    NDArray result = enhancer == null ? input : enhancer.enhance(input);
                    psnrSum += FullReferenceMetrics.psnr(result, truth);
                    ssimSum += FullReferenceMetrics.ssim(result, truth);
                    scope.suppressNotUsedWarning();
                }
            }
        }
        assertThat(psnrSum / lows.size()).as("PSNR").isCloseTo(psnr, offset(0.1));
        assertThat(ssimSum / lows.size()).as("SSIM").isCloseTo(ssim, offset(0.006));
    }

    private static Enhancer enhancer(String method, NDManager manager) throws IOException {
        Path baselines = SharedData.location().resolve("../baselines");
        return switch (method) {
            case "input" -> null;
            case "he" -> OpenCvEnhancer.histogramEqualization();
            case "clahe" -> OpenCvEnhancer.clahe();
            case "zerodce" -> ZeroDce.load(baselines.resolve("zerodce/Epoch99_state_dict.npz"), false, manager);
            case "zerodcepp" -> ZeroDce.load(baselines.resolve("zerodcepp/Epoch99_state_dict.npz"), true, manager);
            default -> throw new IllegalArgumentException(method);
        };
    }
}
