package io.pixelpolish.cli;

import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.inference.PolicyEnhancer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a trained policy is run: the flags every command that enhances with a checkpoint shares. */
public final class PolicyRunOptions {
    @Option(
            names = "--steps",
            paramLabel = "K",
            description = "Curve applications (default: the checkpoint's train.episode_length).")
    Integer steps;

    @Option(
            names = "--tile",
            defaultValue = "" + PolicyEnhancer.DEFAULT_TILE,
            paramLabel = "PX",
            description = "Largest tile the policy runs on at full resolution; larger images go in overlapping tiles. "
                    + "Default: ${DEFAULT-VALUE}.")
    int tile;

    @Option(
            names = "--policy-side",
            paramLabel = "PX",
            description =
                    "Longest side of the image the policy sees when it picks curves; larger images are downscaled for it "
                            + "and its curves applied at full resolution. 0: full resolution (in tiles). Default: the scale it was "
                            + "trained at (the checkpoint's data.max_side).")
    Integer policySide;

    @Option(
            names = "--max-pixels",
            defaultValue = "" + ImageFiles.DEFAULT_MAX_PIXELS,
            paramLabel = "N",
            description = "Refuse an image whose header declares more pixels than this, before decoding it (peak memory"
                    + " grows with the pixels of the largest image). Default: ${DEFAULT-VALUE}.")
    long maxPixels;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu. Default: ${DEFAULT-VALUE}.")
    PixelPolishConfig.DeviceChoice device;

    long maxPixels() {
        if (maxPixels < 1 || maxPixels > PixelPolishConfig.Data.MAX_PIXELS_LIMIT) {
            throw new InvalidOptionException(
                    "--max-pixels: expected 1.." + PixelPolishConfig.Data.MAX_PIXELS_LIMIT + ", got " + maxPixels);
        }
        return maxPixels;
    }

    PolicyEnhancer load(Path checkpoint) throws IOException {
        if (!Files.isRegularFile(checkpoint)) {
            throw new InvalidOptionException(
                    "--ckpt " + checkpoint + ": " + (Files.exists(checkpoint) ? "not a file" : "no such file"));
        }
        if (steps != null && steps < 1) {
            throw new InvalidOptionException("--steps: expected >= 1, got " + steps);
        }
        if (policySide != null && policySide < 0) {
            throw new InvalidOptionException("--policy-side: expected >= 0, got " + policySide);
        }
        return PolicyEnhancer.fromCheckpoint(checkpoint, device, steps, tile, policySide);
    }
}
