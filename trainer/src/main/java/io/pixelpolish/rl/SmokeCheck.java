package io.pixelpolish.rl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.env.ImageEnv;
import io.pixelpolish.policy.PolicyAgent;
import io.pixelpolish.reward.CompositeReward;
import io.pixelpolish.tensor.Devices;
import java.io.PrintWriter;
import java.util.Random;

/**
 * The phase-1 gate: build the network, take one environment step and one PPO update on random
 * input, and print every tensor shape on the way, so a broken engine or shape shows at once.
 */
public final class SmokeCheck {
    private SmokeCheck() {}

    public static void run(PixelPolishConfig cfg, PrintWriter out) {
        Engine engine = Engine.getInstance();
        engine.setRandomSeed((int) cfg.seed());
        int batch = cfg.train().batchSize(), size = cfg.train().cropSize();
        try (PolicyAgent agent = new PolicyAgent(cfg, Devices.select(cfg.device()));
                NDManager manager = agent.manager().newSubManager()) {
            out.printf(
                    "engine %s %s, device %s, threads %s%n",
                    engine.getEngineName(),
                    engine.getVersion(),
                    agent.manager().getDevice(),
                    System.getProperty("ai.djl.pytorch.num_threads", "all cores"));
            long parameters = 0;
            for (var p : agent.parameters()) {
                parameters += p.getValue().getArray().size();
            }
            out.printf(
                    "PolicyValueFCN width %d, receptive field %d px, %d parameters%n",
                    agent.network().width(), agent.receptiveField(), parameters);

            NDArray images = manager.randomUniform(0f, 0.3f, new Shape(batch, 3, size, size), DataType.FLOAT32);
            print(out, "observation x_t", images);
            PolicyAgent.Output forward = agent.forward(images, false);
            print(out, "mu", forward.mu());
            print(out, "log_std", forward.logStd());
            print(out, "value map", forward.valueMap());
            print(out, "value", agent.value(forward.valueMap()));
            NDArray decision = agent.actions().sample(forward.mu(), forward.logStd());
            print(out, "exploration decision (per block)", decision);
            print(out, "log_prob (per block)", agent.actions().logProb(forward.mu(), forward.logStd(), decision));
            NDArray u = agent.actions().perPixelAction(forward.mu(), decision);
            print(out, "action u (per pixel)", u);
            NDArray curve = agent.actions().curveParameters(u);
            print(out, "curve (gamma, alpha, beta)", curve);
            CompositeReward reward = CompositeReward.fromConfig(cfg.reward());
            ImageEnv env = new ImageEnv(
                    reward,
                    agent.actions(),
                    cfg.train().episodeLength(),
                    cfg.reward().relative());
            env.reset(images);
            ImageEnv.Step step = env.step(u);
            print(out, "observation x_t+1", step.observation());
            print(out, "reward " + reward.termNames(), step.reward());
            print(out, "term rewards", step.termRewards());

            Rollout rollout = new RolloutCollector(agent, env, cfg.train().bootstrapLastStep()).collect(images);
            print(out, "rollout observations", rollout.observations());
            print(out, "rollout actions", rollout.actions());
            print(out, "rollout log_probs", rollout.logProbs());
            print(out, "rollout values", rollout.values());
            print(out, "rollout rewards", rollout.rewards());
            UpdateStats stats = new PpoUpdate(agent, cfg, new Random(cfg.seed())).run(rollout, 0);
            out.printf(
                    "PPO update: %d minibatches, policy_loss %.5f, value_loss %.5f, entropy %.4f, approx_kl %.5f, clip_frac %.3f%n",
                    stats.minibatchesRun(),
                    stats.policyLoss(),
                    stats.valueLoss(),
                    stats.entropy(),
                    stats.approxKl(),
                    stats.clipFrac());
        }
        out.println("SMOKE TEST OK");
    }

    private static void print(PrintWriter out, String name, NDArray array) {
        out.printf("  %-32s %s%n", name, array.getShape());
    }
}
