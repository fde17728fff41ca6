package io.pixelpolish.rl;

import ai.djl.ndarray.NDArray;

/**
 * One batch of fixed-length episodes, stacked time-major as cleanrl's buffers are.
 *
 * @param observations images before each step, {@code [T, B, 3, H, W]}
 * @param actions pre-tanh exploration decisions per noise block, {@code [T, B, 3, h, w]}
 * @param logProbs log-probabilities of the decisions per block, {@code [T, B, h, w]}
 * @param values value estimates, {@code [T, B]} (or {@code [T, B, H, W]} for per-pixel values)
 * @param rewards rewards, shaped like {@code values}
 * @param termRewards each reward term's share, {@code [T, terms, B]}
 * @param lastValue value after the last step, shaped like one step of {@code values}: zeros for a
 *     terminal step, the critic's estimate when the last step is treated as a time limit
 * @param finalObservation images after the last step, {@code [B, 3, H, W]}
 */
public record Rollout(
        NDArray observations,
        NDArray actions,
        NDArray logProbs,
        NDArray values,
        NDArray rewards,
        NDArray termRewards,
        NDArray lastValue,
        NDArray finalObservation) {

    public int steps() {
        return (int) observations.getShape().get(0);
    }

    public int batchSize() {
        return (int) observations.getShape().get(1);
    }
}
