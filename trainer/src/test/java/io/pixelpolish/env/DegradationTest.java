package io.pixelpolish.env;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.testing.TestConfigs;
import io.pixelpolish.testing.TestImages;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DegradationTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void probabilityZeroLeavesImagesAlone() {
        NDArray images = TestImages.scene(manager, 3, 32, 1, false);
        Degradation none = new Degradation(
                TestConfigs.tiny("data.degrade.probability=0").data().degrade());
        assertThat(none.apply(images, new Random(1)).toFloatArray()).containsExactly(images.toFloatArray());
    }

    @Test
    void degradedImagesAreDarkerAndStayInRange() {
        NDArray images = TestImages.scene(manager, 4, 32, 2, false);
        NDArray out = new Degradation(
                        TestConfigs.tiny("data.degrade.probability=1").data().degrade())
                .apply(images, new Random(2));
        float[] before = images.reshape(4, -1).mean(new int[] {1}).toFloatArray();
        float[] after = out.reshape(4, -1).mean(new int[] {1}).toFloatArray();
        for (int i = 0; i < 4; i++) {
            assertThat(after[i]).isLessThan(before[i] * 0.85f);
        }
        assertThat(out.min().getFloat()).isGreaterThanOrEqualTo(0f);
        assertThat(out.max().getFloat()).isLessThanOrEqualTo(1f);
    }

    @Test
    void grayImagesStayGrayUnderNoise() {
        NDArray gray = TestImages.scene(manager, 2, 32, 3, true);
        NDArray out = new Degradation(
                        TestConfigs.tiny("data.degrade.probability=1", "data.degrade.noise_std=[0.05, 0.05]")
                                .data()
                                .degrade())
                .apply(gray, new Random(3));
        assertThat(out.get(":, 0").toFloatArray())
                .containsExactly(out.get(":, 2").toFloatArray());
    }

    @Test
    void realLowLightCropsAreLeftAsShot() {
        NDArray bright = TestImages.scene(manager, 1, 32, 4, false);
        NDArray dark = TestImages.dark(TestImages.scene(manager, 1, 32, 5, false));
        NDArray batch = bright.concat(dark, 0);
        NDArray out = new Degradation(TestConfigs.tiny("data.degrade.probability=1", "data.degrade.min_brightness=0.2")
                        .data()
                        .degrade())
                .apply(batch, new Random(5));
        assertThat(out.get("1").toFloatArray())
                .containsExactly(dark.get("0").toFloatArray(), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(out.get("0").mean().getFloat()).isLessThan(bright.mean().getFloat() * 0.85f);
    }
}
