package io.pixelpolish.data;

import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training images of a folder tree, decoded, reduced to {@code data.max_side} and grouped by
 * {@link Modality}, all held in memory so sampling never touches the disk.
 */
public final class ImageDataset {

    private static final Logger LOG = LoggerFactory.getLogger(ImageDataset.class);

    private final Path root;
    private final int maxSide;
    private final Map<Modality, List<DecodedImage>> images;
    private final List<String> skipped;

    private ImageDataset(Path root, int maxSide, Map<Modality, List<DecodedImage>> images, List<String> skipped) {
        this.root = root;
        this.maxSide = maxSide;
        this.images = images;
        this.skipped = skipped;
    }

    /**
     * Loads every image under {@code root}. A file that cannot be decoded is skipped with a WARN line
     * naming it and the reason; a missing folder or one without a single readable image is a
     * {@link DataException}.
     */
    public static ImageDataset load(Path root, PixelPolishConfig.Data cfg) {
        List<Path> files = listImageFiles(root);
        Pattern irPath = Pattern.compile(cfg.irPathPattern(), Pattern.CASE_INSENSITIVE);
        List<Outcome> outcomes = files.parallelStream()
                .map(file -> load(root, file, cfg, irPath))
                .toList();

        Map<Modality, List<DecodedImage>> byModality = new EnumMap<>(Modality.class);
        for (Modality modality : Modality.values()) {
            byModality.put(modality, new ArrayList<>());
        }
        List<String> skipped = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.problem() == null) {
                byModality.get(outcome.modality()).add(outcome.image());
            } else {
                skipped.add(outcome.problem());
            }
        }
        if (skipped.size() == files.size()) {
            throw new DataException("none of the " + files.size() + " image files under " + root
                    + " could be decoded (the WARN lines above say why); accepted extensions: "
                    + ImageFiles.EXTENSIONS);
        }
        byModality.replaceAll((modality, list) -> List.copyOf(list));
        return new ImageDataset(root, cfg.maxSide(), byModality, List.copyOf(skipped));
    }

    /** The images of one modality, in path order. */
    public List<DecodedImage> images(Modality modality) {
        return images.get(modality);
    }

    /** Image count per modality, every modality present (0 when it has none). */
    public Map<Modality, Integer> counts() {
        Map<Modality, Integer> counts = new EnumMap<>(Modality.class);
        images.forEach((modality, list) -> counts.put(modality, list.size()));
        return counts;
    }

    public int size() {
        return images.values().stream().mapToInt(List::size).sum();
    }

    public Path root() {
        return root;
    }

    /** One line per file that was found but could not be decoded: the file, then why. */
    public List<String> skippedFiles() {
        return skipped;
    }

    /** One line for the console, e.g. {@code 14 images under data (rgb 8, gray 2, ir 4), longer side <= 512 px}. */
    public String summary() {
        String perModality = counts().entrySet().stream()
                .map(entry -> entry.getKey().key() + " " + entry.getValue())
                .collect(Collectors.joining(", "));
        String sizing = maxSide > 0 ? "longer side <= " + maxSide + " px" : "full size";
        String problems = skipped.isEmpty() ? "" : "; " + skipped.size() + " unreadable file(s) skipped";
        return size() + " images under " + root + " (" + perModality + "), " + sizing + problems;
    }

    private static List<Path> listImageFiles(Path root) {
        String expected = "expected a folder of images with the extensions " + ImageFiles.EXTENSIONS;
        if (!Files.isDirectory(root)) {
            throw new DataException("image folder " + root
                    + (Files.exists(root) ? " is not a folder" : " does not exist") + "; " + expected);
        }
        List<Path> files;
        try {
            files = ImageFiles.listImages(root);
        } catch (IOException e) {
            throw new DataException("cannot list the images under " + root + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new DataException(
                    "no images found under " + root + " (hidden files and folders are ignored); " + expected);
        }
        return files;
    }

    private static Outcome load(Path root, Path file, PixelPolishConfig.Data cfg, Pattern irPath) {
        DecodedImage image;
        try {
            image = ImageFiles.read(file, cfg.raw16Byteswap(), cfg.maxPixels());
        } catch (IOException e) {
            LOG.warn("Skipping image {}", e.getMessage());
            return new Outcome(null, null, e.getMessage());
        }
        return new Outcome(Resampling.fitLongerSide(image, cfg.maxSide()), classify(root, image, irPath), null);
    }

    /**
     * Colour images are RGB; single-channel ones are IR when their path below the root matches
     * {@code data.ir_path_pattern}, else GRAY. The path uses '/' on every platform so one pattern fits all.
     */
    private static Modality classify(Path root, DecodedImage image, Pattern irPath) {
        if (image.channels() == 3) {
            return Modality.RGB;
        }
        String relative = root.relativize(image.source()).toString().replace('\\', '/');
        return irPath.matcher(relative).find() ? Modality.IR : Modality.GRAY;
    }

    /** A loaded image and its modality, or the reason the file was skipped. */
    private record Outcome(DecodedImage image, Modality modality, String problem) {}
}
