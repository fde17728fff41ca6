package io.pixelpolish.validation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.data.DataException;
import io.pixelpolish.data.ImageInputs;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.image.ImageTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The images a run is validated on, read once when it starts and kept on the host: the first
 * {@code max_images} images of each set, as the quality measures see them (the same reading as
 * {@code eval}), then area-downscaled by a whole factor to at most {@code max_side}. A set whose
 * folder holds {@code low/} and {@code high/} is paired: its inputs are {@code low/} and each has its
 * ground truth of the same name in {@code high/}.
 */
public final class ValidationSets {
    private static final String LOW = "low";
    private static final String HIGH = "high";

    /** One validation image; {@code truth} is null outside paired sets. */
    record Image(String set, String name, Shape shape, float[] input, float[] truth) {
        NDArray input(NDManager manager) {
            return manager.create(input, shape);
        }

        NDArray truth(NDManager manager) {
            return truth == null ? null : manager.create(truth, shape);
        }
    }

    private final List<Image> images;

    private ValidationSets(List<Image> images) {
        this.images = List.copyOf(images);
    }

    List<Image> images() {
        return images;
    }

    /** Set labels in the order the sets were found, as they appear in {@code val/<set>/...} keys. */
    public List<String> labels() {
        return images.stream().map(Image::set).distinct().toList();
    }

    public int size() {
        return images.size();
    }

    public static ValidationSets load(PixelPolishConfig.Validation cfg, NDManager manager) throws IOException {
        Path root = Path.of(cfg.dataRoot());
        if (!Files.isDirectory(root)) {
            throw new DataException("validation.data_root " + root + ": no such folder");
        }
        Map<String, Path> sets = labelled(root, cfg.sets().isEmpty() ? discover(root) : named(root, cfg.sets()));
        List<Image> images = new ArrayList<>();
        for (Map.Entry<String, Path> set : sets.entrySet()) {
            images.addAll(
                    read(set.getKey(), set.getValue(), cfg, manager, !cfg.sets().isEmpty()));
        }
        return new ValidationSets(images);
    }

    private static List<Path> named(Path root, List<String> names) {
        List<Path> folders = new ArrayList<>();
        for (String name : names) {
            Path folder = root.resolve(name);
            if (!Files.isDirectory(folder)) {
                throw new DataException("validation.sets: " + name + " is no folder under " + root);
            }
            folders.add(folder);
        }
        return folders;
    }

    /** Every folder holding images directly, a paired set's {@code low/} and {@code high/} counted as their parent. */
    private static List<Path> discover(Path root) throws IOException {
        TreeSet<Path> folders = new TreeSet<>();
        for (Path file : ImageFiles.listImages(root)) {
            Path parent = file.getParent();
            folders.add(isPairHalf(parent) ? parent.getParent() : parent);
        }
        if (folders.isEmpty()) {
            throw new DataException(
                    "validation.data_root " + root + ": no images (" + String.join(", ", ImageFiles.EXTENSIONS) + ")");
        }
        return List.copyOf(folders);
    }

    private static boolean isPairHalf(Path folder) {
        String name = folder.getFileName() == null ? "" : folder.getFileName().toString();
        return (name.equals(LOW) || name.equals(HIGH)) && isPaired(folder.getParent());
    }

    private static boolean isPaired(Path folder) {
        return folder != null && Files.isDirectory(folder.resolve(LOW)) && Files.isDirectory(folder.resolve(HIGH));
    }

    /** Labels by {@link Metric#validationSetLabel}; folders whose labels clash are named by their whole path. */
    private static Map<String, Path> labelled(Path root, List<Path> folders) {
        Map<String, Integer> uses = new HashMap<>();
        folders.forEach(f -> uses.merge(shortLabel(root, f), 1, Integer::sum));
        Map<String, Path> labelled = new LinkedHashMap<>();
        for (Path folder : folders) {
            String label = shortLabel(root, folder);
            if (uses.get(label) > 1) {
                label = Metric.validationSetLabel(
                        root.relativize(folder).toString().replace('/', '_').replace('\\', '_'));
            }
            if (labelled.putIfAbsent(label, folder) != null) {
                throw new DataException("validation.sets: " + folder + " and " + labelled.get(label)
                        + " would both be named " + label + " in val/<set>/ keys; rename one");
            }
        }
        return labelled;
    }

    private static String shortLabel(Path root, Path folder) {
        Path named = folder.equals(root) ? root.toAbsolutePath().normalize() : folder;
        return Metric.validationSetLabel(String.valueOf(named.getFileName()));
    }

    private static List<Image> read(
            String label, Path folder, PixelPolishConfig.Validation cfg, NDManager manager, boolean recursive)
            throws IOException {
        boolean paired = isPaired(folder);
        Path inputs = paired ? folder.resolve(LOW) : folder;
        List<Path> files = recursive || paired
                ? ImageInputs.list("validation set " + folder, inputs)
                : ImageFiles.listImages(inputs).stream()
                        .filter(f -> f.getParent().equals(inputs))
                        .toList();
        List<Image> images = new ArrayList<>();
        for (Path file : files.subList(0, Math.min(cfg.maxImages(), files.size()))) {
            try (NDManager scratch = manager.newSubManager()) {
                NDArray input = sized(scratch, file, ByteSwap.AUTO, cfg.maxSide());
                float[] truth = null;
                if (paired) {
                    Path truthFile = folder.resolve(HIGH).resolve(inputs.relativize(file));
                    if (!Files.isRegularFile(truthFile)) {
                        throw new DataException("validation set " + folder + ": " + file.getFileName()
                                + " has no ground truth " + truthFile);
                    }
                    NDArray truthImage = sized(scratch, truthFile, ByteSwap.NEVER, cfg.maxSide());
                    if (!truthImage.getShape().equals(input.getShape())) {
                        throw new DataException("validation set " + folder + ": " + truthFile + " is "
                                + truthImage.getShape() + ", its input " + input.getShape());
                    }
                    truth = truthImage.toFloatArray();
                }
                images.add(new Image(
                        label, inputs.relativize(file).toString(), input.getShape(), input.toFloatArray(), truth));
            }
        }
        return images;
    }

    private static NDArray sized(NDManager manager, Path file, ByteSwap byteSwap, int maxSide) throws IOException {
        NDArray scored = ImageTensors.readForScoring(manager, file, byteSwap);
        return maxSide == 0 ? scored : ImageTensors.atMostSide(scored, maxSide);
    }
}
