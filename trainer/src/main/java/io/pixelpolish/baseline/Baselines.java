package io.pixelpolish.baseline;

import ai.djl.ndarray.NDManager;
import io.pixelpolish.inference.Enhancer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The baselines a policy is compared with: histogram equalisation and CLAHE when {@code openCv},
 * then Zero-DCE, Zero-DCE++ and ReLLIE from the weights given (null: not compared).
 */
public record Baselines(boolean openCv, Path zeroDceWeights, Path zeroDcePlusPlusWeights, Path rellieWeights) {
    public List<Enhancer> load(NDManager manager) throws IOException {
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
        if (rellieWeights != null) {
            methods.add(Rellie.load(rellieWeights, manager));
        }
        return methods;
    }
}
