package io.pixelpolish.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.testing.PixelRange;
import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The real test images of ../shared/data and their gotchas (see its MANIFEST.md); skipped when absent. */
class SharedDataDecodingTest {

    /** Wider than any real FLIR band once restored (at most ~7000 counts), far narrower than noise. */
    private static final double NARROW_BAND = 8000;

    @TestFactory
    Stream<DynamicTest> everyImageOfEverySetDecodes() throws IOException {
        Path data = SharedData.require();
        return ImageFiles.listImages(data).stream()
                .map(file -> DynamicTest.dynamicTest(data.relativize(file).toString(), () -> {
                    DecodedImage image = ImageFiles.read(file, ByteSwap.AUTO);
                    assertThat(image.channels()).isIn(1, 3);
                    PixelRange range = PixelRange.of(image.pixels());
                    assertThat(range.min()).isGreaterThanOrEqualTo(0);
                    assertThat(range.max()).isLessThanOrEqualTo(1);
                }));
    }

    @Test
    void flirRawPngsAreByteSwappedIntoNarrowBands() throws IOException {
        List<Path> pngs = flirFiles(".png").stream()
                .filter(file -> !file.getFileName().toString().startsWith("BillHotFlashThermography"))
                .toList();

        assertThat(pngs).isNotEmpty();
        for (Path png : pngs) {
            DecodedImage restored = ImageFiles.read(png, ByteSwap.AUTO);
            DecodedImage asStored = ImageFiles.read(png, ByteSwap.NEVER);
            assertThat(restored.rawHigh() - restored.rawLow())
                    .as("band of %s", png)
                    .isLessThan(NARROW_BAND);
            assertThat(asStored.rawHigh() - asStored.rawLow())
                    .as("stored range of %s", png)
                    .isGreaterThan(60000);
        }
    }

    @Test
    void flirFramesInTheNormalByteOrderAreLeftAlone() throws IOException {
        List<Path> normal = Stream.concat(
                        flirFiles(".tif").stream(),
                        flirFiles(".png").stream()
                                .filter(f -> f.getFileName().toString().startsWith("BillHotFlash")))
                .toList();

        assertThat(normal).hasSizeGreaterThan(1);
        for (Path file : normal) {
            DecodedImage auto = ImageFiles.read(file, ByteSwap.AUTO);
            DecodedImage asStored = ImageFiles.read(file, ByteSwap.NEVER);
            assertThat(auto.rawLow()).as("%s", file).isEqualTo(asStored.rawLow());
            assertThat(auto.rawHigh()).as("%s", file).isEqualTo(asStored.rawHigh());
            assertThat(auto.rawHigh() - auto.rawLow()).as("band of %s", file).isLessThan(NARROW_BAND);
        }
    }

    @Test
    void termografiaLandsInItsKnownBand() throws IOException {
        Path file = SharedData.require("ir/FLIR_raw16").resolve("Termografia_RAW.png");

        DecodedImage image = ImageFiles.read(file, ByteSwap.AUTO);

        assertThat(image.rawLow()).isEqualTo(5120);
        assertThat(image.rawHigh()).isEqualTo(5572);
        assertThat(image.bitDepth()).isEqualTo(16);
    }

    @Test
    void roadSceneAndTnoInfraredAreSingleChannel() throws IOException {
        for (String set : List.of("ir/RoadScene", "ir/TNO", "wellexposed/TNO_visible")) {
            List<Path> files = ImageFiles.listImages(SharedData.require(set));
            assertThat(files).as(set).isNotEmpty();
            for (Path file : files) {
                assertThat(ImageFiles.read(file, ByteSwap.AUTO).channels())
                        .as("%s", file)
                        .isEqualTo(1);
            }
        }
    }

    private static List<Path> flirFiles(String extension) throws IOException {
        return ImageFiles.listImages(SharedData.require("ir/FLIR_raw16")).stream()
                .filter(file -> file.getFileName().toString().endsWith(extension))
                .toList();
    }
}
