package io.pixelpolish.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.PairList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdamOptimizerTest {
    private final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());

    @AfterEach
    void close() {
        manager.close();
    }

    private PairList<String, Parameter> parameter(float... values) {
        Parameter p = Parameter.builder()
                .setName("w")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(values.length))
                .optInitializer((m, s, t) -> m.create(values))
                .build();
        p.initialize(manager, ai.djl.ndarray.types.DataType.FLOAT32);
        PairList<String, Parameter> list = new PairList<>();
        list.add("w", p);
        return list;
    }

    /** Gradient of sum(c * w) is c. */
    private static void backward(NDArray w, float... c) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            collector.backward(w.mul(w.getManager().create(c)).sum());
        }
    }

    @Test
    void firstStepMovesEachWeightByTheLearningRateAgainstItsGradientSign() {
        PairList<String, Parameter> params = parameter(1f, -2f, 0.5f);
        AdamOptimizer adam = new AdamOptimizer(params);
        NDArray w = params.get(0).getValue().getArray();
        backward(w, 3f, -0.1f, 100f);
        adam.step(0.01f);
        // bias-corrected Adam: m_hat = g, v_hat = g^2, so the first step is lr * g / (|g| + eps)
        assertThat(w.toFloatArray()).containsExactly(new float[] {0.99f, -1.99f, 0.49f}, offset(1e-5f));
        assertThat(w.getGradient().toFloatArray())
                .as("gradient zeroed after the step")
                .containsOnly(0f);
        assertThat(adam.steps()).isEqualTo(1);
    }

    @Test
    void restoredStateContinuesExactlyLikeTheOriginal() {
        PairList<String, Parameter> a = parameter(1f, 2f), b = parameter(1f, 2f);
        AdamOptimizer first = new AdamOptimizer(a), second = new AdamOptimizer(b);
        NDArray wa = a.get(0).getValue().getArray(), wb = b.get(0).getValue().getArray();
        for (int i = 0; i < 3; i++) {
            backward(wa, 1f + i, -0.5f);
            first.step(0.1f);
        }
        wa.copyTo(wb);
        NDList saved = NDList.decode(manager, first.state().encode());
        second.restore(saved, first.steps());
        backward(wa, 0.7f, 0.2f);
        first.step(0.1f);
        backward(wb, 0.7f, 0.2f);
        second.step(0.1f);
        assertThat(wb.toFloatArray()).containsExactly(wa.toFloatArray());
    }
}
