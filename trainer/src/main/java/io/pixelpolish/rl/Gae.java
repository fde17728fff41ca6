package io.pixelpolish.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/**
 * Generalised advantage estimation over a fixed-length rollout, as a reverse loop over time
 * (cleanrl's form). Shape-generic: rewards and values are {@code [T, ...]} with any trailing shape,
 * so the same code serves per-image {@code [T, B]} and per-pixel {@code [T, B, H, W]} rewards.
 */
public final class Gae {
    /** Advantages and returns (advantages + values), both shaped like the rewards. */
    public record Result(NDArray advantages, NDArray returns) {}

    private Gae() {}

    /**
     * @param rewards {@code [T, ...]}
     * @param values value estimates of the states the rewards were earned from, {@code [T, ...]}
     * @param lastValue value of the state after the last step, {@code [...]}: zeros when the episode
     *     ends there, the bootstrap estimate when it is cut off
     */
    public static Result compute(NDArray rewards, NDArray values, NDArray lastValue, float gamma, float lambda) {
        if (!rewards.getShape().equals(values.getShape())
                || !lastValue.getShape().equals(rewards.getShape().slice(1))) {
            throw new IllegalArgumentException("GAE shapes disagree: rewards " + rewards.getShape() + ", values "
                    + values.getShape() + ", last value " + lastValue.getShape());
        }
        int steps = (int) rewards.getShape().get(0);
        NDArray[] advantages = new NDArray[steps];
        NDArray nextValue = lastValue;
        NDArray running = lastValue.zerosLike();
        for (int t = steps - 1; t >= 0; t--) {
            NDArray value = values.get(t);
            NDArray delta = rewards.get(t).add(nextValue.mul(gamma)).subi(value);
            running = delta.addi(running.mul(gamma * lambda));
            advantages[t] = running;
            nextValue = value;
        }
        NDArray stacked = NDArrays.stack(new NDList(advantages));
        return new Result(stacked, stacked.add(values));
    }
}
