package io.pixelpolish.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pixelpolish.image.DecodedImage;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResamplingTest {

    @Test
    void wholeFactorAveragesBlocks() {
        float[] source = {
            1, 3, 10, 10,
            5, 7, 20, 30,
            0, 0, 4, 4,
            0, 8, 4, 4,
        };

        float[] out = Resampling.areaAverage(source, 1, 4, 4, 2, 2);

        assertThat(out).containsExactly(new float[] {4, 17.5f, 2, 4}, within(1e-6f));
    }

    @Test
    void fractionalFactorWeighsPartlyCoveredPixels() {
        // Three pixels into two: each output covers one whole pixel and half of the middle one.
        float[] out = Resampling.areaAverage(new float[] {0, 3, 6}, 1, 1, 3, 1, 2);

        assertThat(out).containsExactly(new float[] {1, 5}, within(1e-6f));
    }

    @Test
    void meanOfEveryChannelIsPreserved() {
        Random random = new Random(3);
        float[] source = new float[3 * 37 * 53];
        for (int i = 0; i < source.length; i++) {
            source[i] = random.nextFloat();
        }

        float[] out = Resampling.areaAverage(source, 3, 37, 53, 11, 16);

        for (int c = 0; c < 3; c++) {
            assertThat(mean(out, c * 11 * 16, 11 * 16)).isCloseTo(mean(source, c * 37 * 53, 37 * 53), within(1e-4));
        }
    }

    @Test
    void fitLongerSideKeepsImagesThatFit() {
        DecodedImage image = new DecodedImage(Path.of("a.png"), 1, 30, 20, 8, 0, 255, new float[600]);

        assertThat(Resampling.fitLongerSide(image, 30)).isSameAs(image);
        assertThat(Resampling.fitLongerSide(image, 0)).isSameAs(image);
        DecodedImage reduced = Resampling.fitLongerSide(image, 9);
        assertThat(new int[] {reduced.height(), reduced.width()}).containsExactly(9, 6);
    }

    private static double mean(float[] values, int from, int count) {
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            sum += values[i];
        }
        return sum / count;
    }
}
