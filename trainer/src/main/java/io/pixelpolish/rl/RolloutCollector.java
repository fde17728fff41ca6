package io.pixelpolish.rl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import io.pixelpolish.env.ImageEnv;
import io.pixelpolish.policy.PolicyAgent;

/**
 * Plays one episode of {@code K} curve steps on a batch with the current stochastic policy. Runs
 * without gradients (the engine records none outside a gradient collector); each step's
 * temporaries are freed by a scope as soon as the step is done.
 */
public final class RolloutCollector {
    private final PolicyAgent agent;
    private final ImageEnv env;
    private final boolean bootstrapLastStep;

    public RolloutCollector(PolicyAgent agent, ImageEnv env, boolean bootstrapLastStep) {
        this.agent = agent;
        this.env = env;
        this.bootstrapLastStep = bootstrapLastStep;
    }

    /** @param images initial images {@code [B, 3, H, W]} in [0, 1] */
    public Rollout collect(NDArray images) {
        int steps = env.episodeLength();
        NDList observations = new NDList(steps), actions = new NDList(steps), logProbs = new NDList(steps);
        NDList values = new NDList(steps), rewards = new NDList(steps), termRewards = new NDList(steps);
        NDArray observation = env.reset(images);
        for (int t = 0; t < steps; t++) {
            try (NDScope scope = new NDScope()) {
                PolicyAgent.Act step = agent.act(observation);
                ImageEnv.Step transition = env.step(step.action());
                keep(
                        step.decision(),
                        step.logProb(),
                        step.value(),
                        transition.observation(),
                        transition.reward(),
                        transition.termRewards(),
                        env.currentScores().perTerm(),
                        env.currentScores().map());
                observations.add(observation);
                actions.add(step.decision());
                logProbs.add(step.logProb());
                values.add(step.value());
                rewards.add(transition.reward());
                termRewards.add(transition.termRewards());
                observation = transition.observation();
                scope.suppressNotUsedWarning();
            }
        }
        NDArray lastValue;
        try (NDScope scope = new NDScope()) {
            lastValue = bootstrapLastStep
                    ? agent.value(agent.forward(observation, false).valueMap())
                    : values.get(steps - 1).zerosLike();
            keep(lastValue);
            scope.suppressNotUsedWarning();
        }
        return new Rollout(
                stackAndClose(observations, images),
                stackAndClose(actions, null),
                stackAndClose(logProbs, null),
                stackAndClose(values, null),
                stackAndClose(rewards, null),
                stackAndClose(termRewards, null),
                lastValue,
                observation);
    }

    private static void keep(NDArray... arrays) {
        NDScope.unregister(arrays);
    }

    /** Stacks along a new time axis and frees the per-step arrays (except {@code keep}). */
    private static NDArray stackAndClose(NDList perStep, NDArray keep) {
        NDArray stacked = NDArrays.stack(perStep);
        for (NDArray a : perStep) {
            if (a != keep) {
                a.close();
            }
        }
        return stacked;
    }
}
