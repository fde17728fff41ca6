package io.pixelpolish.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.io.ContactSheet;
import io.pixelpolish.io.DecodedImage;
import io.pixelpolish.io.ImageFiles;
import io.pixelpolish.io.ImageTensors;
import io.pixelpolish.rl.PolicyEnhancer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "visualize", mixinStandardHelpOptions = true,
        description = "Show what a policy does to one image: the input, the image after every curve step, the "
                + "gamma/alpha/beta maps of every step (normalised to their ranges: black = low end, white = high end) "
                + "and a contact sheet with one row per step (before | gamma | alpha | beta | after).")
final class VisualizeCommand implements Callable<Integer> {
    @Mixin PolicyOptions policy;
    @Mixin EngineOptions engineOptions;
    @Spec CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "IMAGE", description = "The image to visualise.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the PNGs.")
    Path output;

    private static final String[] PARAMETERS = {"gamma", "alpha", "beta"};

    @Override
    public Integer call() throws Exception {
        engineOptions.apply();
        DecodedImage image = ImageFiles.read(input, ByteSwap.AUTO);
        Files.createDirectories(output);
        try (PolicyEnhancer enhancer = policy.load(); NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            NDArray x = ImageTensors.toTensor(manager, image);
            write(output.resolve("input.png"), x);
            List<PolicyEnhancer.Step> trace = enhancer.trace(x);
            float[] low = enhancer.curveLow(), span = enhancer.curveSpan();
            List<List<NDArray>> rows = new ArrayList<>();
            NDArray before = x;
            for (int t = 0; t < trace.size(); t++) {
                PolicyEnhancer.Step step = trace.get(t);
                NDArray after = step.image().toDevice(x.getDevice(), false);
                write(output.resolve(String.format("step-%d.png", t + 1)), after);
                List<NDArray> row = new ArrayList<>(List.of(before));
                NDList maps = step.curve().toDevice(x.getDevice(), false).split(3, 1);
                for (int p = 0; p < PARAMETERS.length; p++) {
                    NDArray normalised = maps.get(p).sub(low[p]).div(span[p]).repeat(1, 3);
                    write(output.resolve(String.format("%s-%d.png", PARAMETERS[p], t + 1)), normalised);
                    row.add(normalised);
                }
                row.add(after);
                rows.add(row);
                before = after;
            }
            ContactSheet.write(output.resolve("contact-sheet.png"), rows);
            spec.commandLine().getOut().printf("wrote %d steps of %s to %s (contact-sheet.png shows them all)%n", trace.size(), input, output);
        }
        return 0;
    }

    private static void write(Path file, NDArray rgb) throws java.io.IOException {
        ContactSheet.write(file, List.of(List.of(rgb)));
    }
}
