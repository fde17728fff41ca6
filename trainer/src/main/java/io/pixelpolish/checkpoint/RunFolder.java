package io.pixelpolish.checkpoint;

import io.pixelpolish.contract.InvalidInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local record of one run, {@code <output>/<name>/}: config.yaml, metrics.jsonl, checkpoints/,
 * samples/, writer.lock and, when MLflow records the run too, mlflow/. An existing run is only ever
 * continued (with resume), never overwritten, and only by one process at a time ({@link #lockForWriting}).
 */
public final class RunFolder {
    private static final Logger LOG = LoggerFactory.getLogger(RunFolder.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    static final String LOCK = "writer.lock";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;
    private final String name;

    private RunFolder(Path root, String name) {
        this.root = root;
        this.name = name;
    }

    /**
     * @throws InvalidInputException for a bad name, when the run exists and {@code resume} is off, or
     *     when the folder cannot be created
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
        for (Path folder : new Path[] {root.resolve("checkpoints"), root.resolve("samples")}) {
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new CannotWriteException(folder, e);
            }
        }
        return new RunFolder(root, runName);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Held by the one process that writes the run; released by {@link #close}, or by the OS when it dies. */
    public static final class WriterLock implements AutoCloseable {
        private final FileChannel channel;

        private WriterLock(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void close() throws IOException {
            // Closing the channel releases its lock.
            channel.close();
        }
    }

    /**
     * Makes this process the run's only writer, for as long as the returned lock is open: an OS lock
     * on {@code writer.lock}, which names the holder (pid, host, since when) for whoever is refused.
     * Two trainers on one run (say, a Job deleted while its pod still stops, and its successor) would
     * otherwise interleave metrics and checkpoints.
     *
     * @throws InvalidInputException when another process (or this one) holds it, naming the holder
     */
    public WriterLock lockForWriting() {
        Path file = root.resolve(LOCK);
        FileChannel channel;
        try {
            channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CannotWriteException(file, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(file);
            }
            byte[] holder = (holder() + "\n").getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder), 0);
            channel.force(false);
            return new WriterLock(channel);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(file);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new CannotWriteException(file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private InvalidInputException inUse(Path file) {
        String holder = readHolder(file).map(h -> " (" + h + ")").orElse("");
        return new InvalidInputException("run folder " + root + " is in use by another trainer" + holder
                + ": a run has one writer at a time; wait for that one to end or stop it, then --resume");
    }

    private static Optional<String> readHolder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text.replaceAll("\\s+", " "));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String holder() {
        return "pid " + ProcessHandle.current().pid() + " on host " + hostName() + " since " + Instant.now();
    }

    /** On Kubernetes, HOSTNAME is the pod's name: the one to look for. */
    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a lock file that was not locked", e);
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

    /**
     * Writes {@code text} to {@code file} through a temp file of its own and a rename, so readers never
     * see half of it and two writers never share a temp file.
     *
     * @throws CannotWriteException naming {@code file} (disk full, read-only, permissions); the temp file is gone by then
     */
    public static void writeAtomically(Path file, String text) {
        Path temp = tempFileFor(file);
        try {
            Files.writeString(temp, text, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CannotWriteException(file, e);
        } finally {
            deleteLeftover(temp);
        }
    }

    /**
     * A hidden name next to {@code file} for writing it: {@code .<name>.<pid>-<random>.tmp}, of this
     * writer and this write alone (open it with CREATE_NEW). Unlike a JDK temp file it gets the usual
     * permissions, so the renamed file reads as any other of the run.
     */
    static Path tempFileFor(Path file) {
        return file.resolveSibling("." + file.getFileName() + "."
                + ProcessHandle.current().pid() + "-" + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
    }

    /** Removes what a failed write left; after a successful rename there is nothing left. */
    static void deleteLeftover(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.warn("cannot remove {} (harmless, never read): {}", temp, e.getMessage());
        }
    }
}
