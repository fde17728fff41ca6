package io.pixelpolish.inference;

import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.console.Progress;
import io.pixelpolish.contract.InvalidInputException;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.image.ImageTensors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;

/**
 * Enhances image files into an output folder, keeping each file's sub-folder, channels and bit
 * depth. It never writes over an input: an output folder that is, or lies inside, the input folder
 * is refused, as is any result that would land on an input file (paths compared after resolving
 * links). Results already there are kept unless {@code overwrite}. An unreadable file, or one over
 * the pixel limit, is reported and counted, and the others are still written. 16-bit results are
 * display-ready (full range) unless the input's raw window is asked for.
 */
public final class FolderEnhancement {
    /** @param keepRange write 16-bit results in the input's raw window of counts instead of display-ready */
    public record Settings(boolean keepRange, boolean overwrite, long maxPixels) {}

    public record Result(int written, int kept, int failed) {}

    /** One input and the file its result goes to. */
    public record Job(Path source, Path target) {}

    private FolderEnhancement() {}

    /**
     * Where the result of each of {@code files} (found under {@code input}, a file or folder) goes in
     * {@code output}: the same relative path, TIFF and PNG keeping their format and other formats
     * becoming PNG. When two inputs would get one name ({@code a.jpg} and {@code a.png}), those whose
     * format changes keep their whole name and add {@code .png} ({@code a.jpg.png}).
     *
     * @throws InvalidInputException when a result would replace an input or the output folder lies
     *     inside the input folder, before anything is written
     */
    public static List<Job> plan(Path input, List<Path> files, Path output) throws IOException {
        boolean folder = Files.isDirectory(input);
        Path root = (folder ? input : input.toAbsolutePath().getParent()).toAbsolutePath();
        Path realOutput = ImageFiles.resolved(output);
        if (folder && realOutput.startsWith(input.toRealPath())) {
            throw new InvalidInputException("--output " + output + " is "
                    + (realOutput.equals(input.toRealPath()) ? "" : "inside ") + "the --input folder " + input
                    + " (links resolved: " + realOutput + "): results would overwrite the inputs or be read as"
                    + " inputs by the next run; choose an output folder outside it");
        }
        Map<Path, List<Path>> byName = new LinkedHashMap<>();
        for (Path file : files) {
            Path relative = root.relativize(file.toAbsolutePath());
            byName.computeIfAbsent(outputName(relative), name -> new ArrayList<>())
                    .add(file);
        }
        Map<Path, Path> sourceOf = new LinkedHashMap<>();
        for (Map.Entry<Path, List<Path>> entry : byName.entrySet()) {
            for (Path file : entry.getValue()) {
                Path relative = root.relativize(file.toAbsolutePath());
                Path name = entry.getValue().size() == 1 || entry.getKey().equals(relative)
                        ? entry.getKey()
                        : relative.resolveSibling(relative.getFileName() + ".png");
                Path other = sourceOf.putIfAbsent(name, file);
                if (other != null) {
                    throw new InvalidInputException("--input " + input + ": " + other + " and " + file
                            + " would both be written as " + output.resolve(name) + "; rename one of them");
                }
            }
        }
        Set<Path> realInputs = new HashSet<>();
        for (Path file : files) {
            realInputs.add(file.toRealPath());
        }
        List<Job> jobs = new ArrayList<>();
        for (Map.Entry<Path, Path> entry : sourceOf.entrySet()) {
            Path target = output.resolve(entry.getKey());
            Path realTarget =
                    ImageFiles.resolved(target.toAbsolutePath().getParent()).resolve(target.getFileName());
            if (realInputs.contains(realTarget)) {
                throw new InvalidInputException("--output " + output + ": the result of " + entry.getValue()
                        + " would replace the input " + realTarget + "; choose another output folder");
            }
            jobs.add(new Job(entry.getValue(), target));
        }
        return jobs;
    }

    public static Result run(PolicyEnhancer enhancer, List<Job> jobs, Settings settings, PrintWriter err) {
        int written = 0, kept = 0, failed = 0;
        try (ProgressBar bar = Progress.bar("enhance", jobs.size(), "images")) {
            for (Job job : jobs) {
                if (!settings.overwrite() && Files.exists(job.target(), LinkOption.NOFOLLOW_LINKS)) {
                    err.println("keeping " + job.target() + ": it exists (--overwrite replaces it)");
                    kept++;
                } else {
                    try {
                        DecodedImage image = ImageFiles.read(job.source(), ByteSwap.AUTO, settings.maxPixels());
                        float[] result = enhancer.enhanceInPlace(image);
                        ImageFiles.write(
                                job.target(), ImageTensors.toImage(result, image, job.target(), settings.keepRange()));
                        written++;
                    } catch (IOException e) {
                        err.println("skipping " + job.source() + ": " + e.getMessage());
                        failed++;
                    }
                }
                bar.step();
            }
        }
        return new Result(written, kept, failed);
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
