package io.pixelpolish.image;

import static io.pixelpolish.config.PixelPolishConfig.ByteSwap.NEVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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
    void resultsGetTheModeOfAnyNewFileNotTheOwnerOnlyModeOfTemporaryFiles() throws IOException {
        Path file = dir.resolve("out.png");
        Path plain = Files.createFile(dir.resolve("plain.txt"));

        ImageFiles.write(file, randomImage(file, 3, 8));

        assertThat(Files.getPosixFilePermissions(file))
                .as("the umask's mode, as for %s", plain)
                .isEqualTo(Files.getPosixFilePermissions(plain))
                .contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void writingOverALinkReplacesTheLinkNotTheFileItPointsTo() throws IOException {
        Path original = dir.resolve("original.png");
        ImageFiles.write(original, randomImage(original, 3, 8));
        byte[] before = Files.readAllBytes(original);
        Path symbolic = Files.createSymbolicLink(dir.resolve("symbolic.png"), original);
        Path hard = Files.createLink(dir.resolve("hard.png"), original);

        ImageFiles.write(symbolic, randomImage(symbolic, 1, 8));
        ImageFiles.write(hard, randomImage(hard, 1, 8));

        assertThat(Files.readAllBytes(original)).isEqualTo(before);
        assertThat(Files.isSymbolicLink(symbolic)).isFalse();
        assertThat(ImageFiles.read(hard, NEVER).channels()).isEqualTo(1);
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
        Path file = dir.resolve("out.bmp");

        assertThatThrownBy(() -> ImageFiles.write(file, randomImage(file, 3, 8)))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": cannot write this format; expected one of the extensions "
                        + List.of("png", "tif", "tiff", "jpg", "jpeg"));
        Path jpeg16 = dir.resolve("out.jpg");
        assertThatThrownBy(() -> ImageFiles.write(jpeg16, randomImage(jpeg16, 1, 16)))
                .isInstanceOf(IOException.class)
                .hasMessage(jpeg16 + ": JPEG holds 8 bits per sample, the image has 16; write it as .png or .tif");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void jpegSheetsAreSmallAndCloseToTheImage() throws IOException {
        float[] pixels;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            pixels = TestImages.scene(manager, 1, 64, 5, false).toFloatArray();
        }
        Path jpeg = dir.resolve("sheet.jpg"), png = dir.resolve("sheet.png");
        ImageFiles.write(jpeg, new DecodedImage(jpeg, 3, 64, 64, 8, 0, 255, pixels));
        ImageFiles.write(png, new DecodedImage(png, 3, 64, 64, 8, 0, 255, pixels));

        float[] read = ImageFiles.read(jpeg, NEVER).pixels();
        double error = 0;
        for (int i = 0; i < pixels.length; i++) {
            error += Math.abs(read[i] - pixels[i]) / pixels.length;
        }
        assertThat(error).as("mean error at quality 0.9").isLessThan(0.02);
        assertThat(Files.size(jpeg)).isLessThan(Files.size(png));
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
