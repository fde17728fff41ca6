package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The configs shipped inside the trainer, by the names {@code ConfigLayer.BUILTIN} knows; a test
 * keeps the two lists equal, so the CRD refuses exactly the names the trainer would refuse.
 */
public enum BuiltinConfig {
    @JsonProperty("base")
    BASE("base"),
    @JsonProperty("local_dev")
    LOCAL_DEV("local_dev"),
    @JsonProperty("release")
    RELEASE("release"),
    @JsonProperty("ablation/ppo_pixel")
    ABLATION_PPO_PIXEL("ablation/ppo_pixel"),
    @JsonProperty("ablation/grpo")
    ABLATION_GRPO("ablation/grpo");

    private final String trainerName;

    BuiltinConfig(String trainerName) {
        this.trainerName = trainerName;
    }

    /** The name the trainer's {@code ConfigLayer.builtin} takes. */
    public String trainerName() {
        return trainerName;
    }
}
