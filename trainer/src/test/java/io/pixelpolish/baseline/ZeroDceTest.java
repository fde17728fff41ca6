package io.pixelpolish.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.pixelpolish.testing.NpzFixtures;
import io.pixelpolish.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The loading and forward path on tiny weights written here; the real weights are checked in BaselinesReferenceTest. */
class ZeroDceTest extends WeightsFileTest {
    private NDArray named(String name, long... shape) {
        return NpzFixtures.random(manager, name, shape);
    }

    private Path weights(boolean plusPlus, boolean complete) throws IOException {
        NDList arrays = new NDList();
        int[][] inOut = {{3, 32}, {32, 32}, {32, 32}, {32, 32}, {64, 32}, {64, 32}, {64, plusPlus ? 3 : 24}};
        for (int k = 1; k <= (complete ? 7 : 6); k++) {
            int in = inOut[k - 1][0], out = inOut[k - 1][1];
            if (plusPlus) {
                arrays.add(named("e_conv" + k + ".depth_conv.weight", in, 1, 3, 3));
                arrays.add(named("e_conv" + k + ".depth_conv.bias", in));
                arrays.add(named("e_conv" + k + ".point_conv.weight", out, in, 1, 1));
                arrays.add(named("e_conv" + k + ".point_conv.bias", out));
            } else {
                arrays.add(named("e_conv" + k + ".weight", out, in, 3, 3));
                arrays.add(named("e_conv" + k + ".bias", out));
            }
        }
        Path file = dir.resolve((plusPlus ? "pp" : "dce") + (complete ? "" : "-partial") + ".npz");
        return NpzFixtures.write(file, arrays);
    }

    @Test
    void bothVariantsRunOnAnyImageSizeAndStayInRange() throws IOException {
        NDArray image =
                TestImages.dark(TestImages.scene(manager, 1, 50, 2, false)).get(":, :, :, 0:37");
        for (boolean plusPlus : new boolean[] {false, true}) {
            try (ZeroDce model = ZeroDce.load(weights(plusPlus, true), plusPlus, manager)) {
                NDArray out = model.enhance(image);
                assertThat(model.name()).isEqualTo(plusPlus ? "zerodcepp" : "zerodce");
                assertThat(out.getShape()).isEqualTo(image.getShape());
                assertThat(out.min().getFloat()).isGreaterThanOrEqualTo(0f);
                assertThat(out.max().getFloat()).isLessThanOrEqualTo(1f);
            }
        }
    }

    @Test
    void incompleteOrForeignWeightsAreRefusedByName() throws IOException {
        Path partial = weights(false, false);
        assertThatThrownBy(() -> ZeroDce.load(partial, false, manager))
                .hasMessageContaining("lacks array e_conv7.weight");
        Path dce = weights(false, true);
        assertThatThrownBy(() -> ZeroDce.load(dce, true, manager)).hasMessageContaining("e_conv1.depth_conv.weight");
        Path junk = Files.writeString(dir.resolve("junk.npz"), "not a zip");
        assertThatThrownBy(() -> ZeroDce.load(junk, false, manager)).hasMessageContaining("junk.npz");
    }
}
