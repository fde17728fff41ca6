package io.pixelpolish.cli;

import io.pixelpolish.data.ImageInputs;
import io.pixelpolish.inference.FolderEnhancement;
import io.pixelpolish.inference.PolicyEnhancer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "enhance",
        mixinStandardHelpOptions = true,
        description = "Enhance images of any modality with a trained policy (its deterministic curve). Gray and "
                + "infrared stay single-channel and 16-bit files stay 16-bit; JPEG and BMP inputs are written as PNG. "
                + "Large images are processed in overlapping tiles; unreadable files are skipped with a message.")
final class EnhanceCommand implements Callable<Integer> {
    @Mixin
    PolicyOptions policy;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "FILE|DIR",
            description = "An image, or a folder searched recursively.")
    Path input;

    @Option(
            names = "--keep-range",
            description = "Write 16-bit results in the input's raw window of sample values (radiometric counts) instead"
                    + " of display-ready over the full 0..65535 range.")
    boolean keepRange;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "Folder for the results (the input's sub-folders are kept).")
    Path output;

    @Override
    public Integer call() throws Exception {
        engineOptions.apply();
        List<Path> files = ImageInputs.list("--input", input);
        Path root = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
        if (Files.isDirectory(input)
                && output.toAbsolutePath()
                        .normalize()
                        .equals(input.toAbsolutePath().normalize())) {
            throw new InvalidOptionException("--output must differ from --input, so no input is overwritten");
        }
        FolderEnhancement.Result result;
        int steps;
        try (PolicyEnhancer enhancer = policy.load()) {
            steps = enhancer.steps();
            result = FolderEnhancement.run(
                    enhancer, files, root, output, keepRange, spec.commandLine().getErr());
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "enhanced %d image(s) into %s with %d curve step(s)%s%n",
                        result.written(),
                        output,
                        steps,
                        result.skipped() > 0 ? "; skipped " + result.skipped() + " unreadable" : "");
        return result.written() > 0 ? 0 : PixelPolishCli.EXIT_USAGE;
    }
}
