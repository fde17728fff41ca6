package io.pixelpolish.image;

import static io.pixelpolish.config.PixelPolishConfig.ByteSwap.NEVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFilesWriteTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}: {1} channel(s), {2}-bit")
    @CsvSource({
        "out.png, 1, 8",
        "out.png, 3, 8",
        "out.png, 1, 16",
        "out.png, 3, 16",
        "out.tif, 1, 16",
        "out.tiff, 3, 16",
        "out.TIF, 1, 8"
    })
    void roundTripStaysWithinOneCode(String name, int channels, int bitDepth) throws IOException {
        DecodedImage written = randomImage(dir.resolve(name), channels, bitDepth);

        ImageFiles.write(written.source(), written);
        DecodedImage read = ImageFiles.read(written.source(), NEVER);

        assertThat(read.channels()).isEqualTo(channels);
        assertThat(read.bitDepth()).isEqualTo(bitDepth);
        assertThat(read.rawLow()).isEqualTo(written.rawLow());
        assertThat(read.rawHigh()).isEqualTo(written.rawHigh());
        float oneCode = (float) (1.0 / (written.rawHigh() - written.rawLow()));
        assertThat(read.pixels()).containsExactly(written.pixels(), within(oneCode));
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("nested/out.png");
        ImageFiles.write(file, randomImage(file, 3, 8));
        DecodedImage second = randomImage(file, 1, 8);

        ImageFiles.write(file, second);

        assertThat(ImageFiles.read(file, NEVER).channels()).isEqualTo(1);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files.toList()).containsExactly(file);
        }
    }

    @Test
    void unwritableFormatIsRefusedWithTheFileNamed() {
        Path file = dir.resolve("out.jpg");

        assertThatThrownBy(() -> ImageFiles.write(file, randomImage(file, 3, 8)))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": cannot write this format; expected one of the extensions "
                        + List.of("png", "tif", "tiff"));
        assertThat(dir).isEmptyDirectory();
    }

    /** Random pixels that include 0 and 1, so the written frame spans exactly [rawLow, rawHigh]. */
    private static DecodedImage randomImage(Path file, int channels, int bitDepth) {
        Random random = new Random(channels * 100L + bitDepth);
        float[] pixels = new float[channels * 9 * 7];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        pixels[0] = 0;
        pixels[1] = 1;
        double low = bitDepth == 16 ? 300 : 0;
        double high = bitDepth == 16 ? 40000 : 255;
        return new DecodedImage(file, channels, 9, 7, bitDepth, low, high, pixels);
    }
}
