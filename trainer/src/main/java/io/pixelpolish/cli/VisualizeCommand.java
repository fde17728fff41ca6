package io.pixelpolish.cli;

import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.inference.CurveVisualization;
import io.pixelpolish.inference.PolicyEnhancer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "visualize",
        mixinStandardHelpOptions = true,
        description = "Show what a policy does to one image: the input, the image after every curve step, the "
                + "gamma/alpha/beta maps of every step (normalised to their ranges: black = low end, white = high end) "
                + "and a contact sheet with one row per step (before | gamma | alpha | beta | after).")
final class VisualizeCommand implements Callable<Integer> {
    @Mixin
    PolicyOptions policy;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "IMAGE", description = "The image to visualise.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the PNGs.")
    Path output;

    @Override
    public Integer call() throws Exception {
        engineOptions.apply();
        DecodedImage image;
        try {
            image = ImageFiles.read(input, ByteSwap.AUTO, policy.maxPixels());
        } catch (IOException e) {
            throw new InvalidOptionException("--input " + e.getMessage());
        }
        try (PolicyEnhancer enhancer = policy.load()) {
            int steps = CurveVisualization.write(enhancer, image, output);
            spec.commandLine()
                    .getOut()
                    .printf("wrote %d steps of %s to %s (contact-sheet.png shows them all)%n", steps, input, output);
        }
        return 0;
    }
}
