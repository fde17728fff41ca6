package io.pixelpolish.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;

/**
 * Global-norm gradient clipping as PPO uses it (DJL's optimizer option clips each element instead).
 * The scale is applied as a tensor, so clipping never waits on the device.
 */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * Scales {@code gradients} in place so their joint L2 norm is at most {@code maxNorm}.
     *
     * @return the norm before clipping, as a scalar array
     */
    public static NDArray clipGlobalNorm(List<NDArray> gradients, float maxNorm) {
        NDList squares = new NDList(gradients.size());
        for (NDArray g : gradients) {
            squares.add(g.square().sum());
        }
        NDArray norm = NDArrays.stack(squares).sum().sqrt();
        NDArray scale = norm.add(1e-6f).pow(-1).muli(maxNorm).minimum(1f);
        for (NDArray g : gradients) {
            g.muli(scale);
        }
        return norm;
    }
}
