package io.pixelpolish.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loader and sampler on the real test images of ../shared/data; skipped when absent. */
class SharedDataDatasetTest {

    @Test
    void everySetLoadsIntoItsModality() throws IOException {
        Path data = SharedData.require();
        int infrared = ImageFiles.listImages(data.resolve("ir")).size();
        int visibleGray =
                ImageFiles.listImages(data.resolve("wellexposed/TNO_visible")).size();
        int colour = ImageFiles.listImages(data.resolve("lowlight")).size();

        ImageDataset dataset = ImageDataset.load(data, DataConfigs.withMaxSide(256));

        assertThat(dataset.skippedFiles()).isEmpty();
        assertThat(dataset.counts())
                .containsExactly(
                        Map.entry(Modality.RGB, colour),
                        Map.entry(Modality.GRAY, visibleGray),
                        Map.entry(Modality.IR, infrared));
        assertThat(dataset.images(Modality.RGB)).allMatch(image -> Math.max(image.height(), image.width()) <= 256);

        CropBatch batch = new MixedModalitySampler(dataset, DataConfigs.BASE, 0).sample(64, 64);
        assertThat(batch.modalities()).contains(Modality.RGB, Modality.GRAY, Modality.IR);
    }
}
