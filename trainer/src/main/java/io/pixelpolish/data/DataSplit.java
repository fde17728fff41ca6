package io.pixelpolish.data;

import io.pixelpolish.image.ImageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.stream.Stream;

/**
 * Splits one image tree into a training and a validation tree, so one folder can serve both without
 * an image in both. Each image's side is decided by a hash of its path and the seed alone, not by
 * its position in a listing: the split is the same on every machine, and adding images to the tree
 * never moves the ones already split. A paired set's {@code low/x.png} and {@code high/x.png} hash
 * alike (the {@code low}/{@code high} folder is left out of the hash), so a pair stays together.
 */
public record DataSplit(Path root, double validationFraction, long seed) {
    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";

    /** What a split wrote. */
    public record Summary(int trainImages, int validationImages, boolean linked) {}

    public DataSplit {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new DataException("--validation-fraction: expected a number in (0, 1), got " + validationFraction);
        }
    }

    /** Whether the image at {@code relative} (to the root) goes to validation. */
    public boolean isValidation(Path relative) {
        StringBuilder key = new StringBuilder(Long.toString(seed));
        for (Path part : relative) {
            String name = part.toString();
            key.append('/').append(name.equals("low") || name.equals("high") ? "*" : name);
        }
        byte[] digest = sha256(key.toString());
        long bits = ByteBuffer.wrap(digest).getLong() >>> 11;
        return bits / (double) (1L << 53) < validationFraction;
    }

    /**
     * Writes {@code out/train/} and {@code out/validation/} with the root's relative layout, as hard
     * links where the file system allows (no image is stored twice) and copies where it does not.
     *
     * @param copy copy every image even where a hard link would do
     */
    public Summary write(Path out, boolean copy) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new DataException("--data-root " + root + ": no such folder");
        }
        if (Files.exists(out) && (!Files.isDirectory(out) || !isEmpty(out))) {
            throw new DataException("--out " + out + ": exists and is not an empty folder; split into a new folder"
                    + " (nothing already there is overwritten)");
        }
        List<Path> images = ImageFiles.listImages(root);
        if (images.isEmpty()) {
            throw new DataException(
                    "--data-root " + root + ": no images (" + String.join(", ", ImageFiles.EXTENSIONS) + ")");
        }
        int train = 0, validation = 0;
        boolean linked = !copy;
        for (Path image : images) {
            Path relative = root.relativize(image);
            boolean toValidation = isValidation(relative);
            Path target = out.resolve(toValidation ? VALIDATION : TRAIN).resolve(relative.toString());
            Files.createDirectories(target.getParent());
            linked = place(image, target, linked);
            if (toValidation) {
                validation++;
            } else {
                train++;
            }
        }
        return new Summary(train, validation, linked);
    }

    /** @return whether links still work, so a file system without them is only tried once */
    private static boolean place(Path image, Path target, boolean link) throws IOException {
        if (link) {
            try {
                Files.createLink(target, image.toRealPath());
                return true;
            } catch (IOException | UnsupportedOperationException e) {
                // another file system, or one without hard links: copies do
            }
        }
        Files.copy(image, target);
        return false;
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
