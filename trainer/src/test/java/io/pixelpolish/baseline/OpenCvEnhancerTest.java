package io.pixelpolish.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.inference.Enhancer;
import io.pixelpolish.testing.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenCvEnhancerTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());

    @AfterEach
    void close() {
        manager.close();
    }

    /** A dim gray ramp using levels 40..79 only. */
    private NDArray dimRamp() {
        float[] ramp = new float[64 * 64];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = (40 + (i % 64) * 40 / 64) / 255f;
        }
        return manager.create(ramp, new Shape(1, 1, 64, 64)).repeat(1, 3);
    }

    @Test
    void histogramEqualisationSpreadsAGrayImageOverTheFullRangeAndKeepsItGray() {
        try (OpenCvEnhancer he = OpenCvEnhancer.histogramEqualization()) {
            NDArray out = he.enhance(dimRamp());
            assertThat(out.getShape()).isEqualTo(new Shape(1, 3, 64, 64));
            assertThat(out.min().getFloat()).isLessThan(0.1f);
            assertThat(out.max().getFloat()).isCloseTo(1f, offset(1e-6f));
            assertThat(Enhancer.isGray(out)).isTrue();
        }
    }

    @Test
    void claheRaisesLocalContrastLessAggressively() {
        try (OpenCvEnhancer clahe = OpenCvEnhancer.clahe();
                OpenCvEnhancer he = OpenCvEnhancer.histogramEqualization()) {
            NDArray in = dimRamp();
            float inSpread = in.max().sub(in.min()).getFloat();
            float claheSpread =
                    clahe.enhance(in).max().sub(clahe.enhance(in).min()).getFloat();
            float heSpread = he.enhance(in).max().sub(he.enhance(in).min()).getFloat();
            assertThat(claheSpread).isGreaterThan(inSpread).isLessThan(heSpread);
        }
    }

    @Test
    void colourImagesAreEqualisedOnLumaAndBrightened() {
        NDArray dark = TestImages.dark(TestImages.scene(manager, 1, 48, 4, false));
        try (OpenCvEnhancer he = OpenCvEnhancer.histogramEqualization()) {
            NDArray out = he.enhance(dark);
            assertThat(Enhancer.isGray(out)).isFalse();
            assertThat(out.mean().getFloat()).isGreaterThan(dark.mean().getFloat() * 2);
        }
    }
}
