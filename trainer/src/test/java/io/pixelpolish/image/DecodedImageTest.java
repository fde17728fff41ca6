package io.pixelpolish.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelpolish.contract.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DecodedImageTest {

    private static final Path SOURCE = Path.of("img.png");

    @Test
    void pixelCountMustMatchTheShape() {
        assertThatThrownBy(() -> new DecodedImage(SOURCE, 3, 2, 4, 8, 0, 255, new float[23]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("img.png: expected 24 pixel values for 3x2x4 (CHW), got 23");
    }

    @Test
    void onlyGrayOrRgbAtEightOrSixteenBits() {
        assertThatThrownBy(() -> new DecodedImage(SOURCE, 2, 1, 1, 8, 0, 255, new float[2]))
                .hasMessage("img.png: expected 1 or 3 channels, got 2");
        assertThatThrownBy(() -> new DecodedImage(SOURCE, 1, 1, 1, 12, 0, 4095, new float[1]))
                .hasMessage("img.png: expected a bit depth of 8 or 16, got 12");
        assertThatThrownBy(() -> new DecodedImage(SOURCE, 1, 1, 1, 16, 7, 6, new float[1]))
                .hasMessage("img.png: expected rawLow <= rawHigh, got [7.0, 6.0]");
    }

    @Test
    void withPixelsKeepsSourceDepthAndRawRange() {
        DecodedImage image = new DecodedImage(SOURCE, 1, 2, 2, 16, 5120, 5572, new float[4]);

        DecodedImage smaller = image.withPixels(1, 1, new float[] {0.5f});

        assertThat(smaller).isEqualTo(new DecodedImage(SOURCE, 1, 1, 1, 16, 5120, 5572, smaller.pixels()));
        assertThat(smaller.planeSize()).isEqualTo(1);
    }
}
