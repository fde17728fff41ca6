package io.pixelpolish.cli;

import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.io.ShippedModel;
import io.pixelpolish.rl.PolicyEnhancer;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to load and run a trained policy: the flags of enhance, visualize and eval. */
public final class PolicyOptions {
    static final String POLICY_SIDE = "Longest side of the image the policy sees when it picks curves; larger images are "
            + "downscaled for it and its curves applied at full resolution. 0: full resolution (in tiles). Default: the "
            + "scale it was trained at (the checkpoint's data.max_side).";

    @Option(names = "--ckpt", paramLabel = "FILE",
            description = "Checkpoint written by train, e.g. runs/exp01/checkpoints/final.ckpt. Default: the released policy shipped with "
                    + "PixelPolish (models/README.md).")
    Path checkpoint;

    @Option(names = "--steps", paramLabel = "K", description = "Curve applications (default: the checkpoint's train.episode_length).")
    Integer steps;

    @Option(names = "--tile", defaultValue = "512", paramLabel = "PX",
            description = "Largest tile processed at once; larger images go in overlapping tiles. Default: ${DEFAULT-VALUE}.")
    int tile;

    @Option(names = "--policy-side", paramLabel = "PX", description = PolicyOptions.POLICY_SIDE)
    Integer policySide;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu. Default: ${DEFAULT-VALUE}.")
    PixelPolishConfig.DeviceChoice device;

    PolicyEnhancer load() throws IOException {
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("--steps: expected >= 1, got " + steps);
        }
        if (policySide != null && policySide < 0) {
            throw new IllegalArgumentException("--policy-side: expected >= 0, got " + policySide);
        }
        return PolicyEnhancer.fromCheckpoint(checkpoint != null ? checkpoint : ShippedModel.checkpoint(), device, steps, tile, policySide);
    }

    /** What reports call the policy. */
    String label() {
        return checkpoint != null ? checkpoint.toString() : "the released policy (" + ShippedModel.NAME + ")";
    }
}
