package io.pixelpolish.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.testing.ImageFixtures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** 16-bit byte order: FLIR raw frames hold little-endian samples inside big-endian PNGs. */
class ImageFilesByteSwapTest {

    private static final int HEIGHT = 60;
    private static final int WIDTH = 80;
    private static final int BAND_LOW = 5120;
    private static final int BAND_HIGH = 5572;

    @TempDir
    Path dir;

    private final int[] frame = ImageFixtures.thermalFrame(HEIGHT, WIDTH, BAND_LOW, BAND_HIGH, 7);

    @Test
    void autoRestoresALittleEndianFrame() throws IOException {
        Path file =
                ImageFixtures.write16(dir.resolve("x_RAW.png"), "png", HEIGHT, WIDTH, ImageFixtures.byteSwapped(frame));

        DecodedImage image = ImageFiles.read(file, ByteSwap.AUTO);

        assertThat(image.rawLow()).isEqualTo(BAND_LOW);
        assertThat(image.rawHigh()).isEqualTo(BAND_HIGH);
        assertThat(image.pixels()[0]).isEqualTo((frame[0] - BAND_LOW) / (float) (BAND_HIGH - BAND_LOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "tiff"})
    void autoKeepsACorrectlyOrderedFrame(String format) throws IOException {
        Path file = ImageFixtures.write16(dir.resolve("frame." + format), format, HEIGHT, WIDTH, frame);

        DecodedImage image = ImageFiles.read(file, ByteSwap.AUTO);

        assertThat(image.rawLow()).isEqualTo(BAND_LOW);
        assertThat(image.rawHigh()).isEqualTo(BAND_HIGH);
    }

    @Test
    void alwaysAndNeverOverrideDetection() throws IOException {
        Path stored = ImageFixtures.write16(dir.resolve("frame.png"), "png", HEIGHT, WIDTH, frame);

        DecodedImage forced = ImageFiles.read(stored, ByteSwap.ALWAYS);
        DecodedImage untouched = ImageFiles.read(
                ImageFixtures.write16(dir.resolve("x_RAW.png"), "png", HEIGHT, WIDTH, ImageFixtures.byteSwapped(frame)),
                ByteSwap.NEVER);

        int[] swapped = ImageFixtures.byteSwapped(frame);
        int swappedLow = IntStream.of(swapped).min().orElseThrow();
        int swappedHigh = IntStream.of(swapped).max().orElseThrow();
        assertThat(forced.rawLow()).isEqualTo(swappedLow);
        assertThat(forced.rawHigh()).isEqualTo(swappedHigh);
        assertThat(untouched.rawLow()).isEqualTo(swappedLow);
        assertThat(untouched.rawHigh()).isEqualTo(swappedHigh);
    }

    @Test
    void eightBitContentInTheHighByteIsNotMistakenForSwappedData() throws IOException {
        // v << 8 is 256 times smoother once swapped; a scale-free measure must call it a tie.
        int[] shifted = IntStream.of(ImageFixtures.thermalFrame(HEIGHT, WIDTH, 0, 255, 8))
                .map(v -> v << 8)
                .toArray();
        Path file = ImageFixtures.write16(dir.resolve("shifted.png"), "png", HEIGHT, WIDTH, shifted);

        DecodedImage image = ImageFiles.read(file, ByteSwap.AUTO);

        assertThat(image.rawLow()).isEqualTo(IntStream.of(shifted).min().orElseThrow());
        assertThat(image.rawHigh()).isEqualTo(IntStream.of(shifted).max().orElseThrow());
    }

    @Test
    void flatFrameStaysAsStoredAndMapsToZero() throws IOException {
        int[] flat = IntStream.generate(() -> 0x1234).limit(16).toArray();
        Path file = ImageFixtures.write16(dir.resolve("flat.png"), "png", 4, 4, flat);

        DecodedImage image = ImageFiles.read(file, ByteSwap.AUTO);

        assertThat(image.rawLow()).isEqualTo(0x1234);
        assertThat(image.rawHigh()).isEqualTo(0x1234);
        assertThat(image.pixels()).containsOnly(0f);
    }
}
