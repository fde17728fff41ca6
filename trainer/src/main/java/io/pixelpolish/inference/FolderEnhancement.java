package io.pixelpolish.inference;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.console.Progress;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.image.ImageTensors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/**
 * Enhances image files into an output folder, keeping each file's sub-folder, channels and bit
 * depth; an unreadable file is skipped with a message, the others still written. 16-bit results
 * are display-ready (full range) unless the input's raw window is asked for.
 */
public final class FolderEnhancement {
    public record Result(int written, int skipped) {}

    private FolderEnhancement() {}

    /**
     * @param root the folder {@code files} are relative to in {@code output}
     * @param keepRange write 16-bit results in the input's raw window of counts instead of display-ready
     */
    public static Result run(
            PolicyEnhancer enhancer, List<Path> files, Path root, Path output, boolean keepRange, PrintWriter err)
            throws IOException {
        int written = 0, skipped = 0;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                ProgressBar bar = Progress.bar("enhance", files.size(), "images")) {
            for (Path file : files) {
                Path target = output.resolve(outputName(root.toAbsolutePath().relativize(file.toAbsolutePath())));
                try (NDScope scope = new NDScope()) {
                    DecodedImage image = ImageFiles.read(file, ByteSwap.AUTO);
                    NDArray result = enhancer.enhance(ImageTensors.toTensor(manager, image));
                    Files.createDirectories(target.getParent());
                    ImageFiles.write(target, ImageTensors.toImage(result, image, target, keepRange));
                    written++;
                    scope.suppressNotUsedWarning();
                } catch (IOException e) {
                    err.println("skipping " + file + ": " + e.getMessage());
                    skipped++;
                }
                bar.step();
            }
        }
        return new Result(written, skipped);
    }

    /** Same relative path; TIFF and PNG keep their format, other formats become lossless PNG. */
    private static Path outputName(Path relative) {
        String name = relative.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String stem = dot < 0 ? name : name.substring(0, dot);
        String kept =
                extension.equals("tif") || extension.equals("tiff") || extension.equals("png") ? extension : "png";
        return relative.resolveSibling(stem + "." + kept);
    }
}
