package io.pixelpolish.testing;

import ai.djl.Device;
import io.pixelpolish.checkpoint.Checkpoint;
import io.pixelpolish.checkpoint.CheckpointStore;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.policy.PolicyAgent;
import io.pixelpolish.rl.AdamOptimizer;
import java.io.IOException;
import java.nio.file.Path;

/** Checkpoint files for inference tests, written the way train writes them. */
public final class TestCheckpoints {
    private TestCheckpoints() {}

    /**
     * A freshly initialised tiny policy (width 8) whose mean action is shifted to brighten:
     * {@code gamma} below 1 everywhere, so its effect is visible and deterministic.
     */
    public static Path brightening(Path dir, float gamma) throws IOException {
        PixelPolishConfig cfg = TestConfigs.tiny();
        try (PolicyAgent agent = new PolicyAgent(cfg, Device.cpu())) {
            float[] shift = agent.actions().preimage(gamma, 1f, 0f);
            for (var p : agent.parameters()) {
                if (p.getKey().endsWith("mu_bias")) {
                    p.getValue().getArray().set(shift);
                }
            }
            return new CheckpointStore(dir, 1)
                    .saveFinal(new Checkpoint(
                            1,
                            0,
                            0,
                            ConfigLoader.toYaml(cfg),
                            agent.parameterState().encode(),
                            new AdamOptimizer(agent.parameters()).state().encode()));
        }
    }
}
