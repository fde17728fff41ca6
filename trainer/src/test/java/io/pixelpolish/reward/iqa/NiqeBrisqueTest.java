package io.pixelpolish.reward.iqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NIQE and BRISQUE as whole measures on the repository's sample photos (examples/images, public
 * domain): input contract, batching, and the direction of their verdicts.
 */
class NiqeBrisqueTest {
    private static final Niqe NIQE = Niqe.pristine();
    private static final Brisque BRISQUE = Brisque.live();
    private static NDManager manager;
    private static NDArray astronaut;
    private static NDArray coffee;

    @BeforeAll
    static void load() throws IOException {
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
        astronaut = sample("rgb/astronaut.jpg");
        coffee = sample("rgb/coffee.jpg").get(":, :, :, 0:192");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static NDArray sample(String name) throws IOException {
        DecodedImage image =
                ImageFiles.read(SharedData.repoRoot().resolve("examples/images").resolve(name), ByteSwap.AUTO);
        return manager.create(image.pixels(), new Shape(1, image.channels(), image.height(), image.width()));
    }

    @Test
    void bothRateBlurAndNoiseWorseThanTheCleanPhoto() {
        NDArray blurred = Pool.avgPool2d(astronaut, new Shape(5, 5), new Shape(1, 1), new Shape(2, 2), false, false);
        manager.getEngine().setRandomSeed(1);
        NDArray noisy = astronaut
                .add(manager.randomNormal(0, 0.08f, astronaut.getShape(), astronaut.getDataType()))
                .clip(0, 1);
        NDArray batch = NDArrays.concat(new NDList(astronaut, blurred, noisy));
        for (QualityMetric metric : List.of(NIQE, BRISQUE)) {
            float[] scores = metric.score(batch).toFloatArray();
            assertThat(scores[1])
                    .as("%s blurred vs clean %s", metric.name(), scores[0])
                    .isGreaterThan(scores[0] + 1);
            assertThat(scores[2])
                    .as("%s noisy vs clean %s", metric.name(), scores[0])
                    .isGreaterThan(scores[0] + 1);
        }
    }

    @Test
    void aBatchScoresLikeItsImagesOneByOne() {
        NDArray astronautCrop = astronaut.get(":, :, 0:170, 0:192");
        NDArray batch = NDArrays.concat(new NDList(astronautCrop, coffee.get(":, :, 0:170")));
        for (QualityMetric metric : List.of(NIQE, BRISQUE)) {
            float[] together = metric.score(batch).toFloatArray();
            assertThat(together[0]).isCloseTo(metric.score(astronautCrop).getFloat(), offset(1e-4f));
            assertThat(together[1])
                    .isCloseTo(metric.score(coffee.get(":, :, 0:170")).getFloat(), offset(1e-4f));
        }
    }

    @Test
    void grayImagesScoreTheSameAsOneChannelOrThreeEqualOnes() {
        NDArray gray = astronaut.mean(new int[] {1}, true);
        for (QualityMetric metric : List.of(NIQE, BRISQUE)) {
            assertThat(metric.score(gray.repeat(1, 3)).getFloat())
                    .isEqualTo(metric.score(gray).getFloat());
        }
    }

    @Test
    void niqeNeedsTwoWholeBlocksAndScoresNanBelow() {
        assertThat(Niqe.fits(96, 192)).isTrue();
        assertThat(Niqe.fits(191, 191)).isFalse();
        assertThat(NIQE.score(astronaut.get(":, :, 0:96, 0:192")).getFloat()).isFinite();
        assertThat(NIQE.score(astronaut.get(":, :, 0:150, 0:150")).toFloatArray())
                .containsExactly(Float.NaN);
        assertThat(BRISQUE.score(astronaut.get(":, :, 0:16, 0:16")).getFloat()).isFinite();
    }

    @Test
    void aFlatImageHasNoNiqeCovarianceAndScoresNan() {
        assertThat(NIQE.score(manager.full(new Shape(1, 3, 192, 192), 0.4f)).getFloat())
                .isNaN();
    }

    @Test
    void scoringKeepsNoArraysBehind() {
        try (NDManager scope = manager.newSubManager()) {
            NDArray image = astronaut.duplicate();
            image.attach(scope);
            int before = scope.getManagedArrays().size();
            NIQE.score(image).close();
            BRISQUE.score(image).close();
            assertThat(scope.getManagedArrays()).hasSize(before);
        }
    }

    @Test
    void badInputIsRefusedWithTheExpectedShape() {
        assertThatThrownBy(() -> NIQE.score(manager.zeros(new Shape(1, 2, 200, 200))))
                .hasMessageContaining("expected shape (B, 1, H, W) for gray or (B, 3, H, W) for RGB");
    }
}
