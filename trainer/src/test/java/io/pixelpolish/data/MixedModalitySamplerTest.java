package io.pixelpolish.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pixelpolish.config.PixelPolishConfig.Data;
import io.pixelpolish.config.PixelPolishConfig.ModalityMix;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.testing.ImageFixtures;
import io.pixelpolish.testing.PixelRange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MixedModalitySamplerTest {

    private static final ModalityMix BASE_MIX = new ModalityMix(0.5, 0.25, 0.25);

    @TempDir
    Path root;

    @Test
    void sameSeedGivesSameBatchesAndReseedRestartsTheStream() throws IOException {
        ImageDataset dataset = allModalities();
        Data cfg = DataConfigs.with(BASE_MIX, true, 0, true);
        MixedModalitySampler first = new MixedModalitySampler(dataset, cfg, 42);
        MixedModalitySampler second = new MixedModalitySampler(dataset, cfg, 42);
        MixedModalitySampler other = new MixedModalitySampler(dataset, cfg, 43);

        CropBatch a = first.sample(8, 8);
        CropBatch b = second.sample(8, 8);
        CropBatch c = other.sample(8, 8);
        first.reseed(42);
        CropBatch again = first.sample(8, 8);

        assertThat(b.pixels()).containsExactly(a.pixels());
        assertThat(b.modalities()).isEqualTo(a.modalities());
        assertThat(again.pixels()).containsExactly(a.pixels());
        assertThat(c.pixels()).isNotEqualTo(a.pixels());
    }

    @Test
    void modalitiesFollowTheMixWeights() throws IOException {
        MixedModalitySampler sampler =
                new MixedModalitySampler(allModalities(), DataConfigs.with(BASE_MIX, true, 0, true), 1);

        Map<Modality, Double> shares = shares(sampler.sample(2000, 4).modalities());

        // 4 standard deviations of a 2000-draw share is under 0.045.
        assertThat(shares.get(Modality.RGB)).isCloseTo(0.5, within(0.045));
        assertThat(shares.get(Modality.GRAY)).isCloseTo(0.25, within(0.045));
        assertThat(shares.get(Modality.IR)).isCloseTo(0.25, within(0.045));
    }

    @Test
    void weightsAreRenormalisedOverTheModalitiesThatHaveImages() throws IOException {
        constantRgb("rgb/a.png", 16, 16, 200, 100, 50);
        gray("ir/a.png", 16, 16);
        MixedModalitySampler sampler = new MixedModalitySampler(
                ImageDataset.load(root, DataConfigs.BASE), DataConfigs.with(BASE_MIX, false, 0, true), 2);

        Map<Modality, Double> shares = shares(sampler.sample(2000, 4).modalities());

        assertThat(sampler.effectiveMix())
                .containsOnly(
                        Map.entry(Modality.RGB, 2 / 3.0),
                        Map.entry(Modality.GRAY, 0.0),
                        Map.entry(Modality.IR, 1 / 3.0));
        assertThat(shares.get(Modality.GRAY)).isZero();
        assertThat(shares.get(Modality.RGB)).isCloseTo(2 / 3.0, within(0.045));
    }

    @Test
    void grayIsDerivedFromColourAsLumaWhenNoGrayImagesExist() throws IOException {
        constantRgb("rgb/a.png", 16, 16, 204, 102, 51);
        ImageDataset dataset = ImageDataset.load(root, DataConfigs.BASE);
        MixedModalitySampler sampler =
                new MixedModalitySampler(dataset, DataConfigs.with(new ModalityMix(0, 1, 0), true, 0, true), 3);

        CropBatch batch = sampler.sample(4, 8);

        float luma = 0.299f * 0.8f + 0.587f * 0.4f + 0.114f * 0.2f;
        assertThat(batch.modalities()).containsOnly(Modality.GRAY);
        PixelRange range = PixelRange.of(batch.pixels());
        assertThat(range.min()).isCloseTo(luma, within(1e-6f));
        assertThat(range.max()).isCloseTo(luma, within(1e-6f));
        assertThatThrownBy(() -> new MixedModalitySampler(
                        dataset, DataConfigs.with(new ModalityMix(0, 1, 0), false, 0, true), 3))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("no images to sample")
                .hasMessageContaining("data.derive_gray is off");
    }

    @Test
    void nativeGrayImagesAreUsedInsteadOfConvertedColour() throws IOException {
        constantRgb("rgb/a.png", 16, 16, 204, 102, 51);
        ImageFixtures.write8(
                file("gray/a.png"),
                "png",
                1,
                16,
                16,
                IntStream.generate(() -> 51).limit(256).toArray());
        MixedModalitySampler sampler = new MixedModalitySampler(
                ImageDataset.load(root, DataConfigs.BASE),
                DataConfigs.with(new ModalityMix(0, 1, 0), true, 0, true),
                4);

        assertThat(sampler.sample(4, 8).pixels()).containsOnly(0.2f);
    }

    @Test
    void imageSmallerThanTheCropIsUpscaledSoItsShorterSideFits() throws IOException {
        int[] rows = IntStream.range(0, 8 * 20).map(i -> (i / 20) * 30).toArray();
        ImageFixtures.write8(file("gray/short.png"), "png", 1, 8, 20, rows);
        MixedModalitySampler sampler = new MixedModalitySampler(
                ImageDataset.load(root, DataConfigs.BASE), DataConfigs.with(BASE_MIX, true, 0, false), 5);

        CropBatch batch = sampler.sample(3, 32);

        for (int b = 0; b < 3; b++) {
            float[] plane = Arrays.copyOfRange(batch.pixels(), b * 3 * 32 * 32, b * 3 * 32 * 32 + 32 * 32);
            for (int x = 0; x < 32; x++) {
                assertThat(plane[x]).as("top row").isZero();
                assertThat(plane[31 * 32 + x]).as("bottom row").isEqualTo(210 / 255f);
                for (int y = 1; y < 32; y++) {
                    assertThat(plane[y * 32 + x]).isGreaterThanOrEqualTo(plane[(y - 1) * 32 + x]);
                }
            }
        }
    }

    @Test
    void withoutFlipsEveryCropIsAnExactWindowReplicatedToThreeChannels() throws IOException {
        ImageDataset dataset = allModalities();
        MixedModalitySampler sampler =
                new MixedModalitySampler(dataset, DataConfigs.with(BASE_MIX, false, 0, false), 6);

        CropBatch batch = sampler.sample(40, 8);

        for (int b = 0; b < 40; b++) {
            Modality modality = batch.modalities().get(b);
            float[] crop = Arrays.copyOfRange(batch.pixels(), b * 3 * 64, (b + 1) * 3 * 64);
            assertThat(windowFlips(crop, 8, dataset.images(modality)))
                    .as("crop %d (%s)", b, modality)
                    .contains("none");
        }
    }

    @Test
    void withFlipsCropsAreFlippedWindowsInAllFourOrientations() throws IOException {
        ImageDataset dataset = allModalities();
        MixedModalitySampler sampler = new MixedModalitySampler(dataset, DataConfigs.with(BASE_MIX, false, 0, true), 7);

        CropBatch batch = sampler.sample(60, 8);

        Set<String> seen = new HashSet<>();
        for (int b = 0; b < 60; b++) {
            float[] crop = Arrays.copyOfRange(batch.pixels(), b * 3 * 64, (b + 1) * 3 * 64);
            Set<String> flips =
                    windowFlips(crop, 8, dataset.images(batch.modalities().get(b)));
            assertThat(flips).as("crop %d", b).isNotEmpty();
            seen.addAll(flips);
        }
        assertThat(seen).containsExactlyInAnyOrder("none", "horizontal", "vertical", "both");
    }

    @Test
    void cropBatchChecksItsShape() {
        assertThatThrownBy(() -> new CropBatch(2, 4, new float[95], List.of(Modality.RGB, Modality.IR)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 96 pixel values for [2, 3, 4, 4], got 95");
        assertThatThrownBy(() -> new CropBatch(2, 4, new float[96], List.of(Modality.RGB)))
                .hasMessage("expected one modality per crop (2), got 1");
    }

    /** Random RGB, native gray and IR images of different sizes, all larger than an 8-pixel crop. */
    private ImageDataset allModalities() throws IOException {
        ImageFixtures.write8(file("rgb/a.png"), "png", 3, 12, 15, ImageFixtures.noise8(3 * 12 * 15, 1));
        ImageFixtures.write8(file("rgb/b.png"), "png", 3, 10, 9, ImageFixtures.noise8(3 * 10 * 9, 2));
        gray("gray/a.png", 11, 13);
        ImageFixtures.write16(file("ir/a.tif"), "tiff", 9, 14, ImageFixtures.thermalFrame(9, 14, 5000, 5400, 3));
        return ImageDataset.load(root, DataConfigs.BASE);
    }

    private void constantRgb(String relative, int height, int width, int red, int green, int blue) throws IOException {
        int plane = height * width;
        int[] samples = IntStream.range(0, 3 * plane)
                .map(i -> i < plane ? red : i < 2 * plane ? green : blue)
                .toArray();
        ImageFixtures.write8(file(relative), "png", 3, height, width, samples);
    }

    private void gray(String relative, int height, int width) throws IOException {
        ImageFixtures.write8(
                file(relative), "png", 1, height, width, ImageFixtures.noise8(height * width, relative.hashCode()));
    }

    private Path file(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return file;
    }

    private static Map<Modality, Double> shares(List<Modality> modalities) {
        Map<Modality, Double> shares = new EnumMap<>(Modality.class);
        for (Modality modality : Modality.values()) {
            shares.put(modality, modalities.stream().filter(modality::equals).count() / (double) modalities.size());
        }
        return shares;
    }

    /**
     * The flips ("none", "horizontal", "vertical", "both") under which the 3-channel {@code crop} is an
     * exact window of one of {@code images}, a 1-channel image's plane standing for all three channels.
     */
    private static Set<String> windowFlips(float[] crop, int size, List<DecodedImage> images) {
        Set<String> found = new HashSet<>();
        for (DecodedImage image : images) {
            for (int top = 0; top + size <= image.height(); top++) {
                for (int left = 0; left + size <= image.width(); left++) {
                    for (boolean flipH : new boolean[] {false, true}) {
                        for (boolean flipV : new boolean[] {false, true}) {
                            if (isWindow(crop, size, image, top, left, flipH, flipV)) {
                                found.add(flipH ? (flipV ? "both" : "horizontal") : (flipV ? "vertical" : "none"));
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static boolean isWindow(
            float[] crop, int size, DecodedImage image, int top, int left, boolean flipH, boolean flipV) {
        for (int c = 0; c < 3; c++) {
            int plane = image.channels() == 1 ? 0 : c * image.planeSize();
            for (int y = 0; y < size; y++) {
                int sourceY = top + (flipV ? size - 1 - y : y);
                for (int x = 0; x < size; x++) {
                    int sourceX = left + (flipH ? size - 1 - x : x);
                    if (crop[c * size * size + y * size + x]
                            != image.pixels()[plane + sourceY * image.width() + sourceX]) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
