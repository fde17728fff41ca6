package io.pixelpolish.cli;

import io.pixelpolish.data.ImageInputs;
import io.pixelpolish.inference.FolderEnhancement;
import io.pixelpolish.inference.PolicyEnhancer;
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
                + "Large images are processed in bands or tiles. Inputs are never written over: an --output that is"
                + " or lies inside the --input folder is refused, results already in --output are kept unless"
                + " --overwrite, and two inputs that would get one name (a.jpg and a.png) are resolved by keeping"
                + " the converted one's whole name (a.jpg.png). Unreadable files and files over --max-pixels are"
                + " skipped with a message, and the exit code is then 2 once the others are written.")
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

    @Option(
            names = "--overwrite",
            description = "Replace results already in --output (by default they are kept and counted).")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        engineOptions.apply();
        List<FolderEnhancement.Job> jobs = FolderEnhancement.plan(input, ImageInputs.list("--input", input), output);
        FolderEnhancement.Result result;
        int steps;
        try (PolicyEnhancer enhancer = policy.load()) {
            steps = enhancer.steps();
            result = FolderEnhancement.run(
                    enhancer,
                    jobs,
                    new FolderEnhancement.Settings(keepRange, overwrite, policy.maxPixels()),
                    spec.commandLine().getErr());
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "enhanced %d image(s) into %s with %d curve step(s)%s%s%n",
                        result.written(),
                        output,
                        steps,
                        result.kept() > 0 ? "; kept " + result.kept() + " existing (--overwrite replaces them)" : "",
                        result.failed() > 0 ? "; skipped " + result.failed() + " unreadable or too large" : "");
        return result.failed() > 0 ? PixelPolishCli.EXIT_USAGE : 0;
    }
}
