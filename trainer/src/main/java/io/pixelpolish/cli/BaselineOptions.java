package io.pixelpolish.cli;

import io.pixelpolish.baseline.Baselines;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The baselines eval and benchmark compare with: HE and CLAHE, and Zero-DCE / Zero-DCE++ / ReLLIE
 * from weights given by path.
 */
public final class BaselineOptions {
    @Option(
            names = "--zerodce-weights",
            paramLabel = "FILE.npz",
            description = "Zero-DCE weights (e.g. Epoch99_state_dict.npz) to compare with.")
    Path zeroDceWeights;

    @Option(names = "--zerodcepp-weights", paramLabel = "FILE.npz", description = "Zero-DCE++ weights to compare with.")
    Path zeroDcePlusPlusWeights;

    @Option(
            names = "--rellie-weights",
            paramLabel = "FILE.npz",
            description = "ReLLIE weights (the authors' pretrained/model.npz) to compare with.")
    Path rellieWeights;

    /** HE and CLAHE when {@code openCv}, then the learned baselines whose weights were given. */
    Baselines baselines(boolean openCv) {
        return new Baselines(openCv, zeroDceWeights, zeroDcePlusPlusWeights, rellieWeights);
    }
}
