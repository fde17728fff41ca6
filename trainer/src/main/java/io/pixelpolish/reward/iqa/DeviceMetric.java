package io.pixelpolish.reward.iqa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;

/**
 * What every metric here shares: its name and direction, and scoring inside an {@link NDScope} so
 * that only the scores outlive a call, whatever the measure allocates on the way.
 */
abstract class DeviceMetric implements QualityMetric {
    private final String name;
    private final boolean lowerIsBetter;

    DeviceMetric(String name, boolean lowerIsBetter) {
        this.name = name;
        this.lowerIsBetter = lowerIsBetter;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    @Override
    public final NDArray score(NDArray images) {
        try (NDScope scope = new NDScope()) {
            NDArray scores = compute(images);
            NDScope.unregister(scores);
            return scores;
        }
    }

    /** The scores {@code [B]} float32; every other array it makes is freed when it returns. */
    abstract NDArray compute(NDArray images);
}
