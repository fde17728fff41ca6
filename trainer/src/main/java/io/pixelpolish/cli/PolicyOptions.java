package io.pixelpolish.cli;

import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.rl.PolicyEnhancer;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How to load and run a trained policy: the flags of enhance, visualize and eval. */
public final class PolicyOptions {
    @Option(names = "--ckpt", required = true, paramLabel = "FILE", description = "Checkpoint written by train, e.g. runs/exp01/checkpoints/final.ckpt.")
    Path checkpoint;

    @Option(names = "--steps", paramLabel = "K", description = "Curve applications (default: the checkpoint's train.episode_length).")
    Integer steps;

    @Option(names = "--tile", defaultValue = "512", paramLabel = "PX",
            description = "Largest tile processed at once; larger images go in overlapping tiles. Default: ${DEFAULT-VALUE}.")
    int tile;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu. Default: ${DEFAULT-VALUE}.")
    PixelPolishConfig.DeviceChoice device;

    PolicyEnhancer load() throws IOException {
        if (steps != null && steps < 1) {
            throw new IllegalArgumentException("--steps: expected >= 1, got " + steps);
        }
        return PolicyEnhancer.fromCheckpoint(checkpoint, device, steps, tile);
    }
}
