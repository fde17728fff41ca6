package io.pixelpolish.image;

import static io.pixelpolish.config.PixelPolishConfig.ByteSwap.AUTO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pixelpolish.testing.ImageFixtures;
import io.pixelpolish.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files that are valid but unusual, or that lie about themselves. */
class ImageFilesHostileInputTest {
    @TempDir
    Path dir;

    @Test
    void aFileDeclaringMorePixelsThanTheLimitIsRefusedBeforeDecoding() throws IOException {
        Path file = ImageFixtures.pngDeclaring(dir.resolve("bomb.png"), 16000, 16000);

        assertThatThrownBy(() -> ImageFiles.read(file, AUTO))
                .isInstanceOf(IOException.class)
                .hasMessage(file + ": 16000x16000 = 256000000 pixels, more than the limit of 100000000"
                        + " (--max-pixels, or data.max_pixels when training)");
        Path small = ImageFixtures.write8(dir.resolve("small.png"), "png", 3, 8, 8, ImageFixtures.noise8(192, 2));
        assertThatThrownBy(() -> ImageFiles.read(small, AUTO, 63)).hasMessageContaining("8x8 = 64 pixels");
        assertThat(ImageFiles.read(small, AUTO, 64).width()).isEqualTo(8);
        assertThat(ImageFiles.DEFAULT_MAX_PIXELS)
                .as("the command line's default is the config's")
                .isEqualTo(TestConfigs.tiny().data().maxPixels());
    }

    /** Adobe's CMYK (transform 0) and YCCK (2) JPEGs, as print workflows and some cameras write them. */
    @ParameterizedTest
    @ValueSource(ints = {0, 2})
    void fourComponentJpegsDecodeToRgb(int transform) throws IOException {
        int plane = 6 * 8;
        int[] cmyk = IntStream.range(0, 4 * plane)
                .map(i -> i / plane == 3 ? 255 : 40 + 3 * (i % plane))
                .toArray();
        Path file = ImageFixtures.writeAdobeJpeg(dir.resolve("print.jpg"), 6, 8, cmyk, transform);

        DecodedImage image = ImageFiles.read(file, AUTO);

        assertThat(image.width()).isEqualTo(8);
        assertThat(image.height()).isEqualTo(6);
        assertThat(image.bitDepth()).isEqualTo(8);
        float[] pixels = image.pixels();
        float low = pixels[0], high = pixels[0];
        for (float v : pixels) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        assertThat(low).isGreaterThanOrEqualTo(0f);
        assertThat(high).isLessThanOrEqualTo(1f);
        assertThat(high - low).as("the picture's gradient survives").isGreaterThan(0.05f);
    }

    @Test
    void alphaIsDroppedAndTheColoursKept() throws IOException {
        int[] rgb = ImageFixtures.noise8(3 * 4 * 6, 3);
        Path file = ImageFixtures.writeRgba(dir.resolve("logo.png"), 4, 6, rgb);

        DecodedImage image = ImageFiles.read(file, AUTO);

        assertThat(image.channels()).isEqualTo(3);
        assertThat(image.pixels()).containsExactly(unit8(rgb), within(1e-6f)).as("not composited over black");
    }

    private static float[] unit8(int[] samples) {
        float[] out = new float[samples.length];
        for (int i = 0; i < samples.length; i++) {
            out[i] = samples[i] / 255f;
        }
        return out;
    }
}
