package io.pixelpolish.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam over named parameters, with its moments in the open so checkpoints can save and restore
 * them exactly (DJL's own Adam keeps them private). The update itself is the engine's fused Adam
 * kernel, which also zeroes each gradient after use.
 */
public final class AdamOptimizer {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final PairList<String, Parameter> parameters;
    private final Map<String, NDArray> firstMoments = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoments = new LinkedHashMap<>();
    private long steps;

    public AdamOptimizer(PairList<String, Parameter> parameters) {
        this.parameters = parameters;
        for (Pair<String, Parameter> p : parameters) {
            NDArray weight = p.getValue().getArray();
            firstMoments.put(p.getKey(), weight.zerosLike());
            secondMoments.put(p.getKey(), weight.zerosLike());
        }
    }

    /** Applies one Adam step to every parameter from its current gradient. */
    public void step(float learningRate) {
        steps++;
        double biasCorrection = Math.sqrt(1 - Math.pow(BETA2, steps)) / (1 - Math.pow(BETA1, steps));
        for (Pair<String, Parameter> p : parameters) {
            NDArray weight = p.getValue().getArray();
            try (NDArray gradient = weight.getGradient()) {
                NDList inputs =
                        new NDList(weight, gradient, firstMoments.get(p.getKey()), secondMoments.get(p.getKey()));
                weight.getNDArrayInternal()
                        .adamUpdate(
                                inputs,
                                new NDList(weight),
                                learningRate,
                                (float) (learningRate * biasCorrection),
                                0f,
                                1f,
                                -1f,
                                BETA1,
                                BETA2,
                                EPSILON,
                                true,
                                false);
            }
        }
    }

    public long steps() {
        return steps;
    }

    /** Moments named {@code m/<parameter>} and {@code v/<parameter>}, for checkpoints. */
    public NDList state() {
        NDList state = new NDList();
        firstMoments.forEach((name, m) -> state.add(named(m, "m/" + name)));
        secondMoments.forEach((name, v) -> state.add(named(v, "v/" + name)));
        return state;
    }

    /** Restores moments written by {@link #state()} and the step count. */
    public void restore(NDList state, long restoredSteps) {
        for (NDArray saved : state) {
            String name = saved.getName();
            Map<String, NDArray> target = name.startsWith("m/") ? firstMoments : secondMoments;
            NDArray moment = target.get(name.substring(2));
            if (moment == null) {
                throw new IllegalArgumentException("optimizer state for unknown parameter " + name);
            }
            saved.copyTo(moment);
        }
        this.steps = restoredSteps;
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }
}
