package io.pixelpolish.reward.iqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shipped BRISQUE against the output of the LIVE release itself (MATLAB {@code brisquescore.m}) on
 * TID2008's reference image I04 ({@code ../shared/iqa/brisque/I04.BMP}): -0.195, as recorded by
 * IQA-PyTorch's calibration against the original code (ResultsCalibra/results_compare/
 * brisque_org_result.txt). Skipped when the shared checkout is absent.
 */
class BrisqueLiveReleaseTest {
    private static final double LIVE_RELEASE_I04 = -0.195;
    /** The release prints features with 6 decimals and runs libsvm's own scaling: ~0.2 apart. */
    private static final double TOLERANCE = 0.5;

    @Test
    void referenceImageI04ScoresAsInTheLiveRelease() throws IOException {
        Path file = SharedData.require().resolveSibling("iqa").resolve("brisque/I04.BMP");
        DecodedImage image = ImageFiles.read(file, ByteSwap.AUTO);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            float score = Brisque.liveRelease()
                    .score(manager.create(image.pixels(), new Shape(1, 3, image.height(), image.width())))
                    .getFloat();
            System.out.printf("BRISQUE of I04: %.4f (LIVE release %.3f)%n", score, LIVE_RELEASE_I04);
            assertThat((double) score).isCloseTo(LIVE_RELEASE_I04, offset(TOLERANCE));
        }
    }
}
