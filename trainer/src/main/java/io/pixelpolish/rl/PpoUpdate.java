package io.pixelpolish.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.policy.PolicyAgent;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * PPO's optimisation phase (and GRPO's, which differs only in its advantages, an optional critic
 * and a KL penalty), top to bottom as in cleanrl: flatten the rollout, estimate advantages,
 * then for each epoch shuffle the T*B samples into minibatches and take one clipped-surrogate step
 * per minibatch (policy loss + value loss - entropy bonus, global-norm clipping, Adam).
 *
 * <p>Scalar rewards give one advantage per image that every exploration block's decision shares;
 * per-pixel rewards give an advantage map (spatial GAE) that each block's decision averages, and a
 * value estimate per pixel. Diagnostics stay on the device until the update ends, so the loop
 * never waits for a host copy (except for the optional target-KL early stop).
 */
public final class PpoUpdate {
    private final PolicyAgent agent;
    private final PixelPolishConfig.Train cfg;
    private final PixelPolishConfig.Grpo grpo;
    private final boolean groupRelative;
    private final boolean trainCritic;
    private final PairList<String, Parameter> trained;
    private final AdamOptimizer optimizer;
    private final Random shuffle;

    /**
     * @param config {@code train.algorithm} picks GAE (ppo) or group-relative advantages (grpo);
     *     with grpo's {@code drop_critic} the value head gets no loss and is never updated
     */
    public PpoUpdate(PolicyAgent agent, PixelPolishConfig config, Random shuffle) {
        this.agent = agent;
        this.cfg = config.train();
        this.grpo = config.grpo();
        this.groupRelative = cfg.algorithm() == PixelPolishConfig.Algorithm.GRPO;
        this.trainCritic = !(groupRelative && grpo.dropCritic());
        this.trained = trainCritic ? agent.parameters() : agent.actorParameters();
        this.optimizer = new AdamOptimizer(trained);
        this.shuffle = shuffle;
    }

    /** The optimizer, whose state checkpoints save and restore. */
    public AdamOptimizer optimizer() {
        return optimizer;
    }

    /** Learns from {@code rollout}; {@code update} (0-based) sets the annealed coefficients. */
    public UpdateStats run(Rollout rollout, int update) {
        NDManager manager = rollout.observations().getManager();
        Gae.Result gae = groupRelative
                ? GroupRelative.compute(rollout.rewards(), grpo.groupSize(), (float) cfg.gaeGamma())
                : Gae.compute(rollout.rewards(), rollout.values(), rollout.lastValue(), (float) cfg.gaeGamma(), (float)
                        cfg.gaeLambda());
        long samples = (long) rollout.steps() * rollout.batchSize();
        NDArray observations = rollout.observations()
                .reshape(new Shape(samples)
                        .addAll(rollout.observations().getShape().slice(2)));
        NDArray actions = rollout.actions()
                .reshape(new Shape(samples).addAll(rollout.actions().getShape().slice(2)));
        NDArray oldLogProbs = rollout.logProbs()
                .reshape(new Shape(samples).addAll(rollout.logProbs().getShape().slice(2)));
        NDArray returns = gae.returns()
                .reshape(new Shape(samples).addAll(gae.returns().getShape().slice(2)));
        NDArray advantages = gae.advantages().reshape(returns.getShape());
        if (cfg.normalizeAdvantages() && !groupRelative) {
            advantages = normalize(advantages);
        }
        float entropyCoef = (float) cfg.entropyCoefAt(update);
        float learningRate = (float) cfg.lrAt(update);
        float clip = (float) cfg.clipRatio();

        List<NDArray> perMinibatch = new ArrayList<>();
        int minibatchesRun = 0;
        epochs:
        for (int epoch = 0; epoch < cfg.ppoEpochs(); epoch++) {
            for (long[] indices : minibatches(samples)) {
                try (NDScope scope = new NDScope()) {
                    NDArray idx = manager.create(indices);
                    NDArray stats = step(
                            observations.get(idx),
                            actions.get(idx),
                            oldLogProbs.get(idx),
                            advantages.get(idx),
                            returns.get(idx),
                            entropyCoef,
                            learningRate,
                            clip);
                    NDScope.unregister(stats);
                    perMinibatch.add(stats);
                    minibatchesRun++;
                    if (cfg.targetKl() > 0 && StepStat.APPROX_KL.of(stats) > cfg.targetKl()) {
                        break epochs;
                    }
                    scope.suppressNotUsedWarning();
                }
            }
        }
        float[] mean =
                NDArrays.stack(new NDList(perMinibatch)).mean(new int[] {0}).toFloatArray();
        float explained = explainedVariance(rollout.values(), gae.returns());
        return new UpdateStats(
                StepStat.POLICY_LOSS.of(mean),
                StepStat.VALUE_LOSS.of(mean),
                StepStat.ENTROPY.of(mean),
                StepStat.APPROX_KL.of(mean),
                StepStat.CLIP_FRACTION.of(mean),
                StepStat.GRAD_NORM.of(mean),
                StepStat.LOG_STD_MEAN.of(mean),
                explained,
                minibatchesRun);
    }

    /**
     * A minibatch step's diagnostics, stacked into one device vector in this order so the loop copies
     * them to the host once per update, not once per value.
     */
    private enum StepStat {
        POLICY_LOSS,
        VALUE_LOSS,
        ENTROPY,
        APPROX_KL,
        CLIP_FRACTION,
        GRAD_NORM,
        LOG_STD_MEAN;

        static NDArray stack(Map<StepStat, NDArray> values) {
            NDList ordered = new NDList(values().length);
            for (StepStat stat : values()) {
                ordered.add(values.get(stat));
            }
            return NDArrays.stack(ordered);
        }

        float of(NDArray stacked) {
            return stacked.getFloat(ordinal());
        }

        float of(float[] stacked) {
            return stacked[ordinal()];
        }
    }

    /** One gradient step on a minibatch; returns its {@link StepStat}s. */
    private NDArray step(
            NDArray observations,
            NDArray actions,
            NDArray oldLogProbs,
            NDArray advantages,
            NDArray returns,
            float entropyCoef,
            float learningRate,
            float clip) {
        NDArray policyLoss, valueLoss, entropy, logRatio, ratio, logStdMean;
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            PolicyAgent.Evaluation out = agent.evaluate(observations, actions);
            logRatio = out.logProb().sub(oldLogProbs);
            ratio = logRatio.exp();
            policyLoss = PpoLoss.clippedSurrogate(ratio, perDecision(advantages), clip);
            NDArray error = out.value().sub(returns);
            valueLoss = error.mul(error).mean().mul(0.5f);
            entropy = out.entropy().mean();
            NDArray loss = policyLoss.sub(entropy.mul(entropyCoef));
            if (trainCritic) {
                loss = loss.add(valueLoss.mul((float) cfg.valueCoef()));
            }
            if (groupRelative && grpo.klCoef() > 0) {
                loss = loss.add(PpoLoss.approxKl(ratio, logRatio).mul((float) grpo.klCoef()));
            }
            collector.backward(loss);
            logStdMean = out.logStd().mean();
        }
        List<NDArray> gradients = new ArrayList<>();
        for (Pair<String, Parameter> p : trained) {
            gradients.add(p.getValue().getArray().getGradient());
        }
        NDArray gradNorm = GradientClipping.clipGlobalNorm(gradients, (float) cfg.maxGradNorm());
        optimizer.step(learningRate);
        Map<StepStat, NDArray> stats = new EnumMap<>(StepStat.class);
        stats.put(StepStat.POLICY_LOSS, policyLoss);
        stats.put(StepStat.VALUE_LOSS, valueLoss);
        stats.put(StepStat.ENTROPY, entropy);
        stats.put(StepStat.APPROX_KL, PpoLoss.approxKl(ratio, logRatio));
        stats.put(StepStat.CLIP_FRACTION, PpoLoss.clipFraction(ratio, clip));
        stats.put(StepStat.GRAD_NORM, gradNorm);
        stats.put(StepStat.LOG_STD_MEAN, logStdMean);
        return StepStat.stack(stats);
    }

    /**
     * Advantages in the shape of the decisions' ratios {@code [M, h, w]}: an image's advantage is
     * shared by all its blocks; a per-pixel advantage map is averaged over each block.
     */
    private NDArray perDecision(NDArray advantages) {
        if (advantages.getShape().dimension() == 1) {
            return advantages.reshape(advantages.getShape().get(0), 1, 1);
        }
        return agent.actions().blockMean(advantages.expandDims(1)).squeeze(1);
    }

    private List<long[]> minibatches(long samples) {
        long[] order = new long[(int) samples];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            long swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        List<long[]> batches = new ArrayList<>(cfg.minibatches());
        int start = 0;
        for (int b = 0; b < cfg.minibatches(); b++) {
            int end = (int) ((b + 1) * samples / cfg.minibatches());
            batches.add(java.util.Arrays.copyOfRange(order, start, end));
            start = end;
        }
        return batches;
    }

    private static NDArray normalize(NDArray x) {
        NDArray centered = x.sub(x.mean());
        NDArray std = centered.square().mean().sqrt();
        return centered.divi(std.addi(1e-8f));
    }

    /** {@code 1 - Var(returns - values) / Var(returns)}; NaN when the returns do not vary. */
    private static float explainedVariance(NDArray values, NDArray returns) {
        float varReturns = variance(returns);
        return varReturns == 0 ? Float.NaN : 1 - variance(returns.sub(values)) / varReturns;
    }

    private static float variance(NDArray x) {
        NDArray centered = x.sub(x.mean());
        return centered.muli(centered).mean().getFloat();
    }
}
