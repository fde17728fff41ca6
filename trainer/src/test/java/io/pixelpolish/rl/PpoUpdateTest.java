package io.pixelpolish.rl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.env.ImageEnv;
import io.pixelpolish.policy.PolicyAgent;
import io.pixelpolish.reward.CompositeReward;
import io.pixelpolish.testing.TestConfigs;
import io.pixelpolish.testing.TestImages;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PpoUpdateTest {
    private final PixelPolishConfig cfg =
            TestConfigs.tiny("train.episode_length=3", "train.ppo_epochs=2", "action.noise_block=8");

    private RolloutCollector collector(PolicyAgent agent, boolean bootstrap) {
        return new RolloutCollector(
                agent, new ImageEnv(CompositeReward.fromConfig(cfg.reward()), agent.actions(), 3, true), bootstrap);
    }

    private PpoUpdate ppo(PolicyAgent agent) {
        return new PpoUpdate(agent, cfg, new Random(0));
    }

    @Test
    void oneUpdateChangesTheParametersAndReportsFiniteDiagnostics() {
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            RolloutCollector collector = collector(agent, false);
            PpoUpdate ppo = ppo(agent);
            float[] before = agent.parameters().get(0).getValue().getArray().toFloatArray();
            UpdateStats stats;
            try (NDManager scope = agent.manager().newSubManager()) {
                NDArray images = TestImages.dark(TestImages.scene(scope, 4, 32, 1, false));
                Rollout rollout = collector.collect(images);
                assertThat(rollout.observations().getShape().getShape()).containsExactly(3, 4, 3, 32, 32);
                assertThat(rollout.actions().getShape().getShape()).containsExactly(3, 4, 3, 4, 4);
                assertThat(rollout.logProbs().getShape().getShape()).containsExactly(3, 4, 4, 4);
                assertThat(rollout.values().getShape().getShape()).containsExactly(3, 4);
                assertThat(rollout.termRewards().getShape().getShape()).containsExactly(3, 3, 4);
                stats = ppo.run(rollout, 0);
            }
            assertThat(stats.minibatchesRun()).isEqualTo(2 * 4);
            assertThat(stats.asMetrics().values()).allSatisfy(v -> assertThat(v).isFinite());
            assertThat(stats.clipFrac()).isBetween(0.0, 1.0);
            assertThat(stats.approxKl()).isGreaterThanOrEqualTo(0.0);
            assertThat(agent.parameters().get(0).getValue().getArray().toFloatArray())
                    .isNotEqualTo(before);
        }
    }

    @Test
    void updatesFreeEverythingTheyAllocate() {
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            RolloutCollector collector = collector(agent, true);
            PpoUpdate ppo = ppo(agent);
            int[] live = new int[3];
            for (int i = 0; i < 3; i++) {
                try (NDManager scope = agent.manager().newSubManager()) {
                    ppo.run(collector.collect(TestImages.scene(scope, 4, 32, i, false)), i);
                }
                live[i] = agent.manager().getManagedArrays().size();
            }
            assertThat(live[2])
                    .as("arrays alive after updates 1..3: %s", java.util.Arrays.toString(live))
                    .isEqualTo(live[0]);
        }
    }

    @Test
    void grpoWithoutCriticLeavesTheValueHeadUntouched() {
        PixelPolishConfig grpo = TestConfigs.tiny(
                "train.algorithm=grpo",
                "grpo.group_size=2",
                "grpo.drop_critic=true",
                "grpo.kl_coef=0.1",
                "train.episode_length=3",
                "action.noise_block=8");
        try (PolicyAgent agent = new PolicyAgent(grpo, Device.cpu())) {
            RolloutCollector collector = new RolloutCollector(
                    agent, new ImageEnv(CompositeReward.fromConfig(grpo.reward()), agent.actions(), 3, true), false);
            PpoUpdate update = new PpoUpdate(agent, grpo, new Random(0));
            NDArray valueWeight =
                    agent.network().valueHead().getParameters().get("weight").getArray();
            NDArray stemWeight = agent.parameters().get(0).getValue().getArray();
            float[] valueBefore = valueWeight.toFloatArray();
            float[] stemBefore = stemWeight.toFloatArray();
            UpdateStats stats;
            try (NDManager scope = agent.manager().newSubManager()) {
                NDArray images = TestImages.dark(TestImages.scene(scope, 2, 32, 3, false))
                        .repeat(0, 2);
                stats = update.run(collector.collect(images), 0);
            }
            assertThat(stats.asMetrics().values()).allSatisfy(v -> assertThat(v).isFinite());
            assertThat(valueWeight.toFloatArray()).containsExactly(valueBefore);
            assertThat(stemWeight.toFloatArray()).isNotEqualTo(stemBefore);
            assertThat(agent.actorParameters().size())
                    .isEqualTo(agent.parameters().size() - 2);
        }
    }
}
