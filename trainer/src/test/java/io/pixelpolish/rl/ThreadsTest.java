package io.pixelpolish.rl;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.env.ImageEnv;
import io.pixelpolish.policy.PolicyAgent;
import io.pixelpolish.reward.CompositeReward;
import io.pixelpolish.testing.TestConfigs;
import io.pixelpolish.testing.TestImages;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Training is not tied to the thread that loaded the engine (PyTorch keeps grad mode per thread). */
class ThreadsTest {
    @Test
    void anUpdateRunsOnAFreshThread() throws Exception {
        PixelPolishConfig cfg = TestConfigs.tiny("train.episode_length=2", "train.ppo_epochs=1");
        var executor = Executors.newSingleThreadExecutor();
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            UpdateStats stats = CompletableFuture.supplyAsync(
                            () -> {
                                RolloutCollector collector = new RolloutCollector(
                                        agent,
                                        new ImageEnv(
                                                CompositeReward.fromConfig(cfg.reward()), agent.actions(), 2, true),
                                        false);
                                try (NDManager scope = agent.manager().newSubManager()) {
                                    return new PpoUpdate(agent, cfg, new Random(0))
                                            .run(collector.collect(TestImages.scene(scope, 4, 32, 1, false)), 0);
                                }
                            },
                            executor)
                    .get();
            assertThat(stats.policyLoss()).isFinite();
        } finally {
            executor.shutdown();
        }
    }
}
