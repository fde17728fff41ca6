package io.pixelpolish.train;

import java.io.IOException;
import java.util.Map;

/**
 * What the training loop does after each update besides learning: checks, reports, checkpoints.
 * Listeners run in the loop's order and see the metrics the ones before them added.
 */
@FunctionalInterface
interface UpdateListener {
    /**
     * @param update updates done so far (1-based)
     * @param metrics this update's metrics by {@link io.pixelpolish.contract.metrics.Metric} key; a
     *     listener may add its own
     */
    void updated(int update, Map<String, Double> metrics) throws IOException;
}
