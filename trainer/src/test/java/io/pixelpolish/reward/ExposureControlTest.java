package io.pixelpolish.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExposureControlTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
    private final ExposureControl exposure = new ExposureControl(4, 0.5, true);

    @AfterEach
    void close() {
        manager.close();
    }

    private RewardInput gray(float level) {
        return new RewardInput(manager.full(new Shape(1, 3, 8, 8), level));
    }

    @Test
    void paysMostForTheTargetLevelAndLessTheFurtherAwayItIs() {
        assertThat(exposure.score(gray(0.5f)).getFloat(0)).isCloseTo(0f, offset(1e-6f));
        assertThat(exposure.score(gray(0.1f)).getFloat(0)).isCloseTo(-0.4f, offset(1e-6f));
        assertThat(exposure.score(gray(0.9f)).getFloat(0))
                .as("overexposure costs too")
                .isCloseTo(-0.4f, offset(1e-6f));
    }

    @Test
    void judgesBrightnessPatchByPatchSoHalfBlackHalfWhiteIsNotWellExposed() {
        NDArray halves = manager.zeros(new Shape(1, 3, 8, 8));
        halves.set(new ai.djl.ndarray.index.NDIndex(":, :, :, 4:"), 1f);
        RewardInput input = new RewardInput(halves);

        assertThat(exposure.score(input).getFloat(0))
                .as("mean is 0.5, but each patch is 0.5 away")
                .isCloseTo(-0.5f, offset(1e-6f));
        NDArray map = exposure.scoreMap(input);
        assertThat(map.getShape()).isEqualTo(new Shape(1, 1, 8, 8));
        assertThat(map.mean().getFloat()).isCloseTo(-0.5f, offset(1e-6f));
    }

    @Test
    void withoutDarkeningOnlyPatchesBelowTheTargetPay() {
        ExposureControl lifting = new ExposureControl(4, 0.5, false);
        assertThat(lifting.score(gray(0.1f)).getFloat(0)).isCloseTo(-0.4f, offset(1e-6f));
        assertThat(lifting.score(gray(0.5f)).getFloat(0)).isCloseTo(0f, offset(1e-6f));
        assertThat(lifting.score(gray(0.9f)).getFloat(0))
                .as("a bright patch is left alone")
                .isCloseTo(0f, offset(1e-6f));
    }
}
