package io.pixelpolish.checkpoint;

import io.pixelpolish.contract.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The local record of one run, {@code <output>/<name>/}: config.yaml, metrics.jsonl, checkpoints/,
 * samples/ and, when MLflow records the run too, mlflow/. An existing run is only ever continued (with resume), never overwritten.
 */
public final class RunFolder {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path root;
    private final String name;

    private RunFolder(Path root, String name) {
        this.root = root;
        this.name = name;
    }

    /**
     * @throws InvalidInputException for a bad name, or when the run exists and {@code resume} is off
     */
    public static RunFolder open(Path outputDir, String runName, boolean resume) throws IOException {
        if (!NAME.matcher(runName).matches()) {
            throw new InvalidInputException(
                    "--run-name: expected letters, digits, '.', '_' or '-' (starting with a letter or digit, at most 128), got '"
                            + runName + "'");
        }
        Path root = outputDir.resolve(runName);
        if (!resume && Files.isDirectory(root) && !isEmpty(root)) {
            throw new InvalidInputException("run folder " + root
                    + " already exists: pass --resume to continue it, or choose another --run-name");
        }
        Files.createDirectories(root.resolve("checkpoints"));
        Files.createDirectories(root.resolve("samples"));
        return new RunFolder(root, runName);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    public String name() {
        return name;
    }

    public Path root() {
        return root;
    }

    public Path configFile() {
        return root.resolve("config.yaml");
    }

    public Path metricsFile() {
        return root.resolve("metrics.jsonl");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path samples() {
        return root.resolve("samples");
    }

    /** The MLflow run's id and the metrics not yet sent to it. */
    public Path mlflow() {
        return root.resolve("mlflow");
    }

    /** Writes {@code text} to {@code file} through a temp file and rename, so readers never see half of it. */
    public static void writeAtomically(Path file, String text) {
        try {
            Path temp = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.writeString(temp, text);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
