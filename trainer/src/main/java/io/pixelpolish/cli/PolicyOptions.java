package io.pixelpolish.cli;

import io.pixelpolish.checkpoint.ShippedModel;
import io.pixelpolish.inference.PolicyEnhancer;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which trained policy to load and how to run it: the flags of enhance, visualize and eval. */
public final class PolicyOptions {
    @Option(
            names = "--ckpt",
            paramLabel = "FILE",
            description =
                    "Checkpoint written by train, e.g. runs/exp01/checkpoints/final.ckpt. Default: the released policy shipped with "
                            + "PixelPolish (models/README.md).")
    Path checkpoint;

    @Mixin
    PolicyRunOptions run;

    PolicyEnhancer load() throws IOException {
        return run.load(checkpoint != null ? checkpoint : ShippedModel.checkpoint());
    }

    long maxPixels() {
        return run.maxPixels();
    }

    /** What reports call the policy. */
    String label() {
        return checkpoint != null ? checkpoint.toString() : "the released policy (" + ShippedModel.NAME + ")";
    }
}
