package io.pixelpolish.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.config.PixelPolishConfig.DeviceChoice;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.testing.TestCheckpoints;
import io.pixelpolish.testing.TestImages;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyEnhancerTest {
    @TempDir
    Path dir;

    @Test
    void traceShowsEveryStepAndItsCurve() throws IOException {
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                PolicyEnhancer enhancer = PolicyEnhancer.fromCheckpoint(
                        TestCheckpoints.brightening(dir, 0.5f), DeviceChoice.CPU, 3, 512, null)) {
            NDArray image = TestImages.dark(TestImages.scene(manager, 1, 32, 1, false));
            var trace = enhancer.trace(image);
            assertThat(trace).hasSize(3);
            assertThat(trace.get(2).image().toFloatArray())
                    .containsExactly(enhancer.enhance(image).toFloatArray(), offset(1e-6f));
            float gamma = trace.get(0).curve().get(":, 0").mean().getFloat();
            assertThat(gamma).isCloseTo(0.5f, offset(0.05f));
        }
    }

    @Test
    void tilesMustExceedTheMarginOneStepNeeds() throws IOException {
        Path checkpoint = TestCheckpoints.brightening(dir, 0.7f);
        assertThatThrownBy(() -> PolicyEnhancer.fromCheckpoint(checkpoint, DeviceChoice.CPU, 5, 24, 0))
                .hasMessageContaining(
                        "--tile: expected more than twice the margin one curve step needs (2 x 12 px), got 24");
        PolicyEnhancer.fromCheckpoint(checkpoint, DeviceChoice.CPU, 5, 25, 0).close();
    }

    /** Tiles (the policy at full resolution, policySide 0) and bands (a downscaling policy) over 30x30 px. */
    @ParameterizedTest(name = "policy side {0}, tile {1}")
    @CsvSource({"0, 64", "40, 30"})
    void largeImagesAreEnhancedInPiecesAsTheyWouldBeWhole(int policySide, int tile) throws IOException {
        Path checkpoint = TestCheckpoints.brightening(dir, 0.7f);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                PolicyEnhancer whole = PolicyEnhancer.fromCheckpoint(checkpoint, DeviceChoice.CPU, 3, 512, policySide);
                PolicyEnhancer pieces =
                        PolicyEnhancer.fromCheckpoint(checkpoint, DeviceChoice.CPU, 3, tile, policySide)) {
            NDArray image =
                    TestImages.dark(TestImages.scene(manager, 1, 150, 9, false)).get(":, :, 0:131, :");
            NDArray expected = whole.enhance(image);
            NDArray actual = pieces.enhance(image);
            assertThat(actual.getShape()).isEqualTo(image.getShape());
            assertThat(actual.sub(expected).abs().max().getFloat()).isLessThan(1e-5f);
            assertThat(expected.mean().getFloat())
                    .as("gamma 0.7 brightens")
                    .isGreaterThan(image.mean().getFloat());
            DecodedImage decoded = new DecodedImage(dir, 3, 131, 150, 8, 0, 255, image.toFloatArray());
            assertThat(pieces.enhanceInPlace(decoded))
                    .as("the image's own array, enhanced")
                    .isSameAs(decoded.pixels())
                    .containsExactly(expected.toFloatArray(), offset(1e-5f));
        }
    }

    @Test
    void largeImagesGetCurvesPickedAtThePolicyScaleAndAppliedAtFullResolution() throws IOException {
        Path checkpoint = TestCheckpoints.brightening(dir, 0.7f);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                PolicyEnhancer atScale = PolicyEnhancer.fromCheckpoint(checkpoint, DeviceChoice.CPU, 2, 512, 40);
                PolicyEnhancer fullResolution =
                        PolicyEnhancer.fromCheckpoint(checkpoint, DeviceChoice.CPU, 2, 512, 0)) {
            NDArray image = TestImages.dark(TestImages.scene(manager, 1, 120, 5, false));
            var trace = atScale.trace(image);
            NDArray firstCurve = trace.get(0).curve();
            assertThat(firstCurve.getShape()).isEqualTo(new ai.djl.ndarray.types.Shape(1, 3, 120, 120));
            assertThat(trace.get(1).image().toFloatArray())
                    .containsExactly(atScale.enhance(image).toFloatArray(), offset(1e-5f));

            NDArray small = ai.djl.nn.pooling.Pool.avgPool2d(
                    image,
                    new ai.djl.ndarray.types.Shape(3, 3),
                    new ai.djl.ndarray.types.Shape(3, 3),
                    new ai.djl.ndarray.types.Shape(0, 0),
                    true,
                    false);
            NDArray smallCurve = fullResolution.trace(small).get(0).curve();
            NDArray upsampled = smallCurve.getNDArrayInternal().interpolation(new long[] {120, 120}, 1, false);
            assertThat(firstCurve.sub(upsampled).abs().max().getFloat())
                    .as("the policy saw the 40 px image")
                    .isLessThan(1e-5f);
            assertThat(atScale.enhance(image).mean().getFloat())
                    .as("gamma 0.7 brightens")
                    .isGreaterThan(image.mean().getFloat());
        }
    }
}
