package io.pixelpolish.cli;

import ai.djl.ndarray.NDManager;
import io.pixelpolish.model.Enhancer;
import io.pixelpolish.model.OpenCvEnhancer;
import io.pixelpolish.model.ZeroDce;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The baselines eval and benchmark compare with: HE and CLAHE, and Zero-DCE / Zero-DCE++ from weights given by path. */
public final class BaselineOptions {
    /** Images above this are downscaled by an integer factor first, as the reference figures were. */
    static final long MAX_PIXELS = 2_000_000;

    @Option(names = "--zerodce-weights", paramLabel = "FILE.npz", description = "Zero-DCE weights (e.g. Epoch99_state_dict.npz) to compare with.")
    Path zeroDceWeights;

    @Option(names = "--zerodcepp-weights", paramLabel = "FILE.npz", description = "Zero-DCE++ weights to compare with.")
    Path zeroDcePlusPlusWeights;

    /** HE and CLAHE when {@code openCv}, then the Zero-DCE models whose weights were given. */
    List<Enhancer> load(boolean openCv, NDManager manager) throws IOException {
        List<Enhancer> methods = new ArrayList<>();
        if (openCv) {
            methods.add(OpenCvEnhancer.histogramEqualization());
            methods.add(OpenCvEnhancer.clahe());
        }
        if (zeroDceWeights != null) {
            methods.add(ZeroDce.load(zeroDceWeights, false, manager));
        }
        if (zeroDcePlusPlusWeights != null) {
            methods.add(ZeroDce.load(zeroDcePlusPlusWeights, true, manager));
        }
        return methods;
    }
}
