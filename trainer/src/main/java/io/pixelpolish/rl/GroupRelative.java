package io.pixelpolish.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/**
 * GRPO's advantages: each image is played {@code groupSize} times in a row of the batch, and a
 * sample's discounted return-to-go is z-normalised against the other samples of its group at the
 * same step, so no critic is needed to say which samples did better. Shape-generic like {@link Gae}.
 */
public final class GroupRelative {
    private GroupRelative() {}

    /**
     * @param rewards {@code [T, B, ...]} with {@code B} a multiple of {@code groupSize}, groups consecutive
     * @return group-normalised advantages, and the plain returns-to-go as value targets
     */
    public static Gae.Result compute(NDArray rewards, int groupSize, float gamma) {
        Shape shape = rewards.getShape();
        long batch = shape.get(1);
        if (batch % groupSize != 0) {
            throw new IllegalArgumentException("batch " + batch + " is not a multiple of the group size " + groupSize);
        }
        int steps = (int) shape.get(0);
        NDArray[] returns = new NDArray[steps];
        NDArray running = rewards.get(steps - 1).zerosLike();
        for (int t = steps - 1; t >= 0; t--) {
            running = rewards.get(t).add(running.mul(gamma));
            returns[t] = running;
        }
        NDArray toGo = NDArrays.stack(new NDList(returns));
        Shape grouped = new Shape(steps, batch / groupSize, groupSize).addAll(shape.slice(2));
        NDArray byGroup = toGo.reshape(grouped);
        NDArray centered = byGroup.sub(byGroup.mean(new int[] {2}, true));
        NDArray std = centered.square().mean(new int[] {2}, true).sqrt();
        return new Gae.Result(centered.div(std.add(1e-8f)).reshape(shape), toGo);
    }
}
