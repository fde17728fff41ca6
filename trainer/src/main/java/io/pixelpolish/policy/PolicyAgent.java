package io.pixelpolish.policy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.InvalidInputException;
import io.pixelpolish.tensor.ImageStats;

/**
 * The policy network with its action space: cleanrl's agent API, split into {@link #act} for
 * rollouts and {@link #evaluate} for PPO, plus parameter I/O. Calls the block through a plain {@link ParameterStore}
 * rather than DJL's Trainer, which copies every gradient before each step: PPO needs only the
 * gradients in place and one optimizer step per minibatch.
 */
public final class PolicyAgent implements AutoCloseable {
    /** The network's raw outputs for a batch of observations. */
    public record Output(NDArray mu, NDArray logStd, NDArray valueMap) {}

    /**
     * What the rollout needs from one step: the exploration decision {@code [B,3,h,w]}, the
     * per-pixel action it executes {@code [B,3,H,W]}, the decision's log-probability {@code [B,h,w]}
     * and the value estimate.
     */
    public record Act(NDArray decision, NDArray action, NDArray logProb, NDArray value) {}

    /**
     * What PPO needs to score a stored decision under the current policy: its log-probability and
     * the entropy {@code [B,h,w]}, the value estimate and the per-pixel log-std.
     */
    public record Evaluation(NDArray logProb, NDArray entropy, NDArray value, NDArray logStd) {}

    private final NDManager manager;
    private final PolicyValueFCN network;
    private final CurveActions actions;
    private final ParameterStore store;
    private final boolean pixelValues;

    public PolicyAgent(PixelPolishConfig config, Device device) {
        manager = NDManager.newBaseManager(device);
        actions = new CurveActions(config.action(), manager);
        float[] initialMu =
                config.action().initIdentity() ? actions.preimage(1f, 1f, 0f) : new float[PolicyValueFCN.ACTION_DIMS];
        network = new PolicyValueFCN(config.model(), config.action(), initialMu);
        int crop = config.train().cropSize();
        network.initialize(manager, DataType.FLOAT32, new Shape(1, PolicyValueFCN.IMAGE_CHANNELS, crop, crop));
        store = new ParameterStore(manager, false);
        pixelValues = config.reward().mode() == PixelPolishConfig.RewardMode.PIXEL;
    }

    public Output forward(NDArray observation, boolean training) {
        if (!training) {
            // PyTorch's grad mode is per thread and on in every thread but the one that loaded the
            // engine: without this, a rollout on another thread would record a graph and trip over
            // the environment's in-place ops.
            JniUtils.setGradMode(false);
        }
        NDList out = network.forward(store, new NDList(observation), training);
        return new Output(actions.smoothMean(out.get(0)), out.get(1), out.get(2));
    }

    /** Value estimate per image {@code [B]} (scalar rewards) or per pixel {@code [B, H, W]}. */
    public NDArray value(NDArray valueMap) {
        return pixelValues ? valueMap.squeeze(1) : ImageStats.perImageMean(valueMap);
    }

    /** Samples an exploration decision for each image (cleanrl's get_action_and_value, acting). */
    public Act act(NDArray observation) {
        Output out = forward(observation, false);
        NDArray decision = actions.sample(out.mu(), out.logStd());
        return new Act(
                decision,
                actions.perPixelAction(out.mu(), decision),
                actions.logProb(out.mu(), out.logStd(), decision),
                value(out.valueMap()));
    }

    /** Scores stored decisions under the current parameters (cleanrl's get_action_and_value, learning). */
    public Evaluation evaluate(NDArray observation, NDArray decision) {
        Output out = forward(observation, true);
        return new Evaluation(
                actions.logProb(out.mu(), out.logStd(), decision),
                actions.entropy(out.logStd()),
                value(out.valueMap()),
                out.logStd());
    }

    /**
     * What the trained policy does at inference: {@code steps} applications of the curve given by
     * the mean action. Intermediate images are freed as it goes.
     *
     * @param images {@code [B, 3, H, W]} in [0, 1]
     */
    public NDArray enhance(NDArray images, int steps) {
        return enhance(images, steps, this::meanCurve);
    }

    /** The deterministic policy's curve parameters (gamma, alpha, beta) for {@code x}: {@code [B, 3, H, W]}. */
    public NDArray meanCurve(NDArray x) {
        return actions.curveParameters(forward(x, false).mu());
    }

    /** {@link #enhance(NDArray, int)} with the curve parameters of each step chosen by {@code curveFor}. */
    public NDArray enhance(NDArray images, int steps, java.util.function.UnaryOperator<NDArray> curveFor) {
        NDArray x = images;
        for (int t = 0; t < steps; t++) {
            try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
                NDArray next = actions.applyCurve(x, curveFor.apply(x));
                ai.djl.ndarray.NDScope.unregister(next);
                if (x != images) {
                    x.close();
                }
                x = next;
                scope.suppressNotUsedWarning();
            }
        }
        return x;
    }

    public CurveActions actions() {
        return actions;
    }

    /** Pixels each mean action depends on in every direction plus itself: the network's and the smoothing's. */
    public int receptiveField() {
        return network.receptiveField() + actions.meanSmoothing() - 1;
    }

    public PolicyValueFCN network() {
        return network;
    }

    public PairList<String, Parameter> parameters() {
        return network.getParameters();
    }

    /** Every parameter but the value head's: what a critic-free update trains. */
    public PairList<String, Parameter> actorParameters() {
        java.util.Set<Parameter> critic = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        network.valueHead().getParameters().values().forEach(critic::add);
        PairList<String, Parameter> actor = new PairList<>();
        for (var p : parameters()) {
            if (!critic.contains(p.getValue())) {
                actor.add(p);
            }
        }
        return actor;
    }

    public NDManager manager() {
        return manager;
    }

    /** The parameters as arrays named by their block path, for checkpoints. */
    public NDList parameterState() {
        NDList state = new NDList();
        for (var p : parameters()) {
            NDArray array = p.getValue().getArray();
            array.setName(p.getKey());
            state.add(array);
        }
        return state;
    }

    /**
     * Copies saved parameters into the live arrays, so gradients, the optimizer and the parameter
     * store keep pointing at the same tensors.
     *
     * @throws InvalidInputException when a parameter is missing or shaped differently
     */
    public void restoreParameters(NDList saved) {
        var byName = new java.util.HashMap<String, NDArray>();
        saved.forEach(a -> byName.put(a.getName(), a));
        for (var p : parameters()) {
            NDArray live = p.getValue().getArray();
            NDArray stored = byName.get(p.getKey());
            if (stored == null || !stored.getShape().equals(live.getShape())) {
                throw new InvalidInputException("checkpoint parameter " + p.getKey() + ": expected shape "
                        + live.getShape() + ", got " + (stored == null ? "none" : stored.getShape())
                        + " (was it saved with another model.width?)");
            }
            // An indexed assignment, not copyTo: copying into a tensor that records gradients goes
            // through a deprecated libtorch guard that prints a warning to the console.
            live.set(new ai.djl.ndarray.index.NDIndex("..."), stored);
        }
    }

    @Override
    public void close() {
        actions.close();
        manager.close();
    }
}
