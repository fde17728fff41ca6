package io.pixelpolish.rl;

import io.pixelpolish.config.ConfigException;
import io.pixelpolish.config.PixelPolishConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Config values that are valid but whose seed phase has not landed yet: refused with a clear
 * message wherever training code would otherwise quietly run something else.
 */
public final class Phases {
    private Phases() {}

    public static void requireImplemented(PixelPolishConfig cfg) {
        List<String> missing = new ArrayList<>();
        if (cfg.train().algorithm() != PixelPolishConfig.Algorithm.PPO) {
            missing.add("train.algorithm: grpo is not implemented yet (Phase 6 arrives in a later release); use ppo");
        }
        if (cfg.reward().mode() != PixelPolishConfig.RewardMode.SCALAR) {
            missing.add("reward.mode: pixel is not implemented yet (Phase 4 arrives in a later release); use scalar");
        }
        if (!missing.isEmpty()) {
            throw new ConfigException("config", missing);
        }
    }
}
