package io.pixelpolish.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.io.DecodedImage;
import io.pixelpolish.io.ImageFiles;
import io.pixelpolish.io.ImageTensors;
import io.pixelpolish.io.Progress;
import io.pixelpolish.rl.PolicyEnhancer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "enhance", mixinStandardHelpOptions = true,
        description = "Enhance images of any modality with a trained policy (its deterministic curve). Gray and "
                + "infrared stay single-channel and 16-bit files stay 16-bit; JPEG and BMP inputs are written as PNG. "
                + "Large images are processed in overlapping tiles; unreadable files are skipped with a message.")
final class EnhanceCommand implements Callable<Integer> {
    @Mixin PolicyOptions policy;
    @Mixin EngineOptions engineOptions;
    @Spec CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR", description = "An image, or a folder searched recursively.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder for the results (the input's sub-folders are kept).")
    Path output;

    @Override
    public Integer call() throws Exception {
        engineOptions.apply();
        List<Path> files = ImageInputs.list("--input", input);
        Path root = Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
        if (Files.isDirectory(input) && output.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--output must differ from --input, so no input is overwritten");
        }
        PrintWriter err = spec.commandLine().getErr();
        int written = 0, skipped = 0, steps;
        try (PolicyEnhancer enhancer = policy.load();
                NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                ProgressBar bar = Progress.bar("enhance", files.size(), "images")) {
            steps = enhancer.steps();
            for (Path file : files) {
                Path target = output.resolve(outputName(root.toAbsolutePath().relativize(file.toAbsolutePath())));
                try (NDScope scope = new NDScope()) {
                    DecodedImage image = ImageFiles.read(file, ByteSwap.AUTO);
                    NDArray result = enhancer.enhance(ImageTensors.toTensor(manager, image));
                    Files.createDirectories(target.getParent());
                    ImageFiles.write(target, ImageTensors.toImage(result, image, target));
                    written++;
                    scope.suppressNotUsedWarning();
                } catch (IOException e) {
                    err.println("skipping " + file + ": " + e.getMessage());
                    skipped++;
                }
                bar.step();
            }
        }
        spec.commandLine().getOut().printf("enhanced %d image(s) into %s with %d curve step(s)%s%n", written, output,
                steps, skipped > 0 ? "; skipped " + skipped + " unreadable" : "");
        return written > 0 ? 0 : PixelPolishCli.EXIT_USAGE;
    }

    /** Same relative path; TIFF and PNG keep their format, other formats become lossless PNG. */
    static Path outputName(Path relative) {
        String name = relative.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String stem = dot < 0 ? name : name.substring(0, dot);
        String kept = extension.equals("tif") || extension.equals("tiff") || extension.equals("png") ? extension : "png";
        return relative.resolveSibling(stem + "." + kept);
    }
}
