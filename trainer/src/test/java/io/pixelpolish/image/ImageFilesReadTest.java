package io.pixelpolish.image;

import static io.pixelpolish.config.PixelPolishConfig.ByteSwap.AUTO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pixelpolish.testing.ImageFixtures;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFilesReadTest {

    @TempDir
    Path dir;

    @Test
    void rgbPngDecodesToPlanarUnitFloats() throws IOException {
        int[] planar = {0, 10, 20, 30, 40, 50, 100, 110, 120, 130, 140, 150, 200, 210, 220, 230, 240, 255};
        Path file = ImageFixtures.write8(dir.resolve("rgb.png"), "png", 3, 2, 3, planar);

        DecodedImage image = ImageFiles.read(file, AUTO);

        assertThat(image.source()).isEqualTo(file);
        assertThat(image.channels()).isEqualTo(3);
        assertThat(image.height()).isEqualTo(2);
        assertThat(image.width()).isEqualTo(3);
        assertThat(image.bitDepth()).isEqualTo(8);
        assertThat(image.rawLow()).isZero();
        assertThat(image.rawHigh()).isEqualTo(255);
        assertThat(image.pixels()).containsExactly(unit8(planar), within(1e-6f));
    }

    @Test
    void grayAndGrayReplicatedIntoRgbBothDecodeAsOneChannel() throws IOException {
        int[] gray = ImageFixtures.noise8(12, 1);
        int[] replicated = IntStream.range(0, 36).map(i -> gray[i % 12]).toArray();
        Path single = ImageFixtures.write8(dir.resolve("gray.png"), "png", 1, 3, 4, gray);
        Path tnoLike = ImageFixtures.write8(dir.resolve("tno_like.png"), "png", 3, 3, 4, replicated);

        for (Path file : List.of(single, tnoLike)) {
            DecodedImage image = ImageFiles.read(file, AUTO);
            assertThat(image.channels()).as("%s", file).isEqualTo(1);
            assertThat(image.pixels()).as("%s", file).containsExactly(unit8(gray), within(1e-6f));
        }
    }

    @Test
    void bmpAndJpegDecode() throws IOException {
        int[] rgb = ImageFixtures.noise8(3 * 8 * 8, 2);
        Path bmp = ImageFixtures.write8(dir.resolve("photo.BMP"), "bmp", 3, 8, 8, rgb);
        Path jpeg = ImageFixtures.write8(dir.resolve("ir.jpg"), "jpeg", 1, 16, 16, new int[256]);

        DecodedImage fromBmp = ImageFiles.read(bmp, AUTO);
        DecodedImage fromJpeg = ImageFiles.read(jpeg, AUTO);

        assertThat(fromBmp.pixels()).containsExactly(unit8(rgb), within(1e-6f));
        assertThat(fromJpeg.channels()).isEqualTo(1);
        assertThat(fromJpeg.pixels()).containsOnly(0f);
    }

    @Test
    void palettePngDecodesThroughItsColours() throws IOException {
        byte[] red = {0, (byte) 255};
        byte[] green = {0, (byte) 128};
        byte[] blue = {0, 0};
        BufferedImage indexed =
                new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(1, 2, red, green, blue));
        indexed.getRaster().setSample(1, 0, 0, 1);
        Path file = dir.resolve("palette.png");
        ImageIO.write(indexed, "png", file.toFile());

        DecodedImage image = ImageFiles.read(file, AUTO);

        assertThat(image.channels()).isEqualTo(3);
        assertThat(image.pixels()).containsExactly(new float[] {0, 1, 0, 128 / 255f, 0, 0}, within(1e-6f));
    }

    @Test
    void sixteenBitTiffIsMinMaxNormalised() throws IOException {
        int[] samples = {5120, 5200, 5300, 5400, 5500, 5572};
        Path file = ImageFixtures.write16(dir.resolve("frame.tif"), "tiff", 2, 3, samples);

        DecodedImage image = ImageFiles.read(file, AUTO);

        assertMinMaxNormalised(image, samples);
    }

    @Test
    void sixteenBitPngIsMinMaxNormalised() throws IOException {
        int[] samples = {40000, 41000, 60000, 65535};
        Path file = ImageFixtures.write16(dir.resolve("frame.png"), "png", 2, 2, samples);

        DecodedImage image = ImageFiles.read(file, AUTO);

        assertMinMaxNormalised(image, samples);
    }

    @Test
    void emptyFileIsReportedAsSuch() throws IOException {
        Path file = Files.createFile(dir.resolve("x.png"));

        assertThatThrownBy(() -> ImageFiles.read(file, AUTO))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": empty file (0 bytes)");
    }

    /** A truncated JPEG must fail too: the JPEG decoder only warns and fills the missing part with gray. */
    @ParameterizedTest
    @CsvSource({"cut.png, png, PNG", "cut.jpg, jpeg, JPEG"})
    void truncatedFileIsReportedAsCorrupt(String name, String format, String formatName) throws IOException {
        Path file = ImageFixtures.write8(dir.resolve(name), format, 3, 64, 64, ImageFixtures.noise8(3 * 64 * 64, 3));
        ImageFixtures.truncate(file, (int) Files.size(file) / 2);

        assertThatThrownBy(() -> ImageFiles.read(file, AUTO))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining(formatName)
                .hasMessageContaining("truncated or corrupt");
    }

    @Test
    void textFileNamedPngIsNotAnImage() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.png"), "these are notes, not pixels\n");

        assertThatThrownBy(() -> ImageFiles.read(file, AUTO))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": content is not a PNG, JPEG, BMP or TIFF image (no decoder recognises it)");
    }

    @Test
    void missingFileAndForeignExtensionAreNamed() throws IOException {
        Path missing = dir.resolve("gone.png");
        Path gif = Files.writeString(dir.resolve("anim.gif"), "GIF89a");

        assertThatThrownBy(() -> ImageFiles.read(missing, AUTO)).hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> ImageFiles.read(gif, AUTO))
                .hasMessage(gif + ": not an image file name; expected one of the extensions " + ImageFiles.EXTENSIONS);
    }

    private static void assertMinMaxNormalised(DecodedImage image, int[] samples) {
        int low = IntStream.of(samples).min().orElseThrow();
        int high = IntStream.of(samples).max().orElseThrow();
        float[] expected = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            expected[i] = (samples[i] - low) / (float) (high - low);
        }
        assertThat(image.channels()).isEqualTo(1);
        assertThat(image.bitDepth()).isEqualTo(16);
        assertThat(image.rawLow()).isEqualTo(low);
        assertThat(image.rawHigh()).isEqualTo(high);
        assertThat(image.pixels()).containsExactly(expected, within(1e-6f));
    }

    private static float[] unit8(int[] samples) {
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i] / 255f;
        }
        return out;
    }
}
