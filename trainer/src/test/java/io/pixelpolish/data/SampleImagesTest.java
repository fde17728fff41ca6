package io.pixelpolish.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.testing.SharedData;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample images shipped in examples/images load as their README describes. */
class SampleImagesTest {

    @Test
    void samplesLoadIntoTheirModalities() {
        Path samples = SharedData.repoRoot().resolve("examples/images");

        ImageDataset dataset = ImageDataset.load(samples, DataConfigs.BASE);

        assertThat(dataset.skippedFiles()).isEmpty();
        assertThat(dataset.counts())
                .containsExactly(Map.entry(Modality.RGB, 7), Map.entry(Modality.GRAY, 2), Map.entry(Modality.IR, 4));
        assertThat(dataset.images(Modality.RGB)).allMatch(image -> Math.max(image.height(), image.width()) <= 256);
    }

    @Test
    void byteSwappedFlirSampleIsRestored() {
        ImageDataset dataset = ImageDataset.load(SharedData.repoRoot().resolve("examples/images"), DataConfigs.BASE);

        DecodedImage ducks = dataset.images(Modality.IR).stream()
                .filter(image -> image.source().getFileName().toString().equals("flir_four_ducks_RAW.png"))
                .findFirst()
                .orElseThrow();

        assertThat(ducks.bitDepth()).isEqualTo(16);
        assertThat(ducks.rawLow()).isEqualTo(11350);
        assertThat(ducks.rawHigh()).isEqualTo(12679);
    }
}
