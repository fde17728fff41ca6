package io.pixelpolish.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A 16-bit thermal result is saved display-ready, and scored as the saved file shows it. */
class SavedResultsTest {
    @TempDir
    Path dir;

    /** A raw frame whose counts span 5120..5572 of 65535, as FLIR radiometric frames do. */
    private static DecodedImage thermal(Path file) {
        return new DecodedImage(file, 1, 4, 4, 16, 5120, 5572, new float[16]);
    }

    @Test
    void aSixteenBitResultIsWrittenOverTheFullRangeUnlessItsRawWindowIsKept() throws IOException {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray result = manager.full(new Shape(1, 3, 4, 4), 0.5f);
            DecodedImage like = thermal(dir.resolve("frame.png"));

            NDArray delivered = ImageTensors.asSaved(result, like);
            assertThat(delivered.mean().getFloat()).isCloseTo(0.5f, offset(1e-4f));

            Path kept = dir.resolve("kept.png");
            ImageFiles.write(kept, ImageTensors.toImage(result, like, kept, true));
            float viewed = ImageTensors.toTensor(manager, ImageFiles.readAsViewed(kept))
                    .mean()
                    .getFloat();
            assertThat(viewed)
                    .as("the raw window as a viewer shows it: an almost black, flat picture")
                    .isCloseTo((5120 + 0.5f * 452) / 65535, offset(1e-4f));
        }
    }
}
