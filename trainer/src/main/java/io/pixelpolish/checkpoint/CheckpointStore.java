package io.pixelpolish.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pixelpolish.contract.metrics.Metric;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoint files of one run: {@code update-000100.ckpt} every interval, {@code final.ckpt} and
 * {@code best.ckpt} (the policy with the best value so far of the metric {@code checkpoint.best} names).
 * Each is a zip (meta.json, config.yaml, model.ndlist, optimizer.ndlist) written to a hidden temp
 * file, synced and renamed into place, so a crash mid-write leaves the previous checkpoint as the
 * newest one and a torn temp file is never mistaken for a checkpoint.
 */
public final class CheckpointStore {
    public static final String FINAL = "final.ckpt";
    public static final String BEST = "best.ckpt";
    private static final String BEST_METRIC = "best_metric";
    private static final String BEST_VALUE = "best_value";
    /** What best.ckpt recorded before checkpoint.best existed: it always followed the greedy reward. */
    private static final String LEGACY_BEST_SCORE = "greedy_reward";

    private static final String LEGACY_BEST_METRIC = Metric.GREEDY_REWARD.key();

    /** The metric that made {@code best.ckpt} the best, and its value then. */
    public record BestScore(String metric, double value) {}

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern PERIODIC = Pattern.compile("update-(\\d{6,})\\.ckpt");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT = 1;

    private final Path dir;
    private final int keepLast;

    public CheckpointStore(Path dir, int keepLast) {
        this.dir = dir;
        this.keepLast = keepLast;
    }

    public Path directory() {
        return dir;
    }

    /** Writes {@code update-NNNNNN.ckpt} atomically and prunes all but the newest {@code keepLast}. */
    public Path save(Checkpoint checkpoint) throws IOException {
        Path file = write(checkpoint, String.format("update-%06d.ckpt", checkpoint.update()), Map.of());
        prune();
        return file;
    }

    /** Writes {@code final.ckpt}, the file eval and enhance take; never pruned. */
    public Path saveFinal(Checkpoint checkpoint) throws IOException {
        return write(checkpoint, FINAL, Map.of());
    }

    /** Writes {@code best.ckpt}, remembering the {@code metric} value that made it the best; never pruned. */
    public Path saveBest(Checkpoint checkpoint, BestScore score) throws IOException {
        return write(checkpoint, BEST, Map.of(BEST_METRIC, score.metric(), BEST_VALUE, score.value()));
    }

    /** What made {@code best.ckpt} the best; empty when there is none yet or it cannot be read. */
    public Optional<BestScore> bestScore() {
        Path file = dir.resolve(BEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode meta = JSON.readTree(bytes(zip, file, "meta.json"));
            if (meta.path(BEST_VALUE).isNumber()) {
                return Optional.of(new BestScore(
                        meta.path(BEST_METRIC).asText(), meta.path(BEST_VALUE).asDouble()));
            }
            JsonNode legacy = meta.path(LEGACY_BEST_SCORE);
            return legacy.isNumber()
                    ? Optional.of(new BestScore(LEGACY_BEST_METRIC, legacy.asDouble()))
                    : Optional.empty();
        } catch (IOException e) {
            LOG.warn("ignoring unreadable {}: {}", file, e.getMessage());
            return Optional.empty();
        }
    }

    private Path write(Checkpoint c, String name, Map<String, Object> extraMeta) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(name);
        Path temp = dir.resolve("." + name + ".tmp");
        try (FileOutputStream file = new FileOutputStream(temp.toFile());
                ZipOutputStream zip = new ZipOutputStream(file)) {
            Map<String, Object> meta = new TreeMap<>(extraMeta);
            meta.putAll(Map.of(
                    "format", FORMAT,
                    "update", c.update(),
                    "optimizer_steps", c.optimizerSteps(),
                    "elapsed_s", c.elapsedSeconds(),
                    "written", Instant.now().toString()));
            entry(zip, "meta.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
            entry(zip, "config.yaml", c.configYaml().getBytes(StandardCharsets.UTF_8));
            entry(zip, "model.ndlist", c.model());
            entry(zip, "optimizer.ndlist", c.optimizer());
            zip.finish();
            file.getFD().sync();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static void entry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Periodic checkpoints, newest first. */
    public List<Path> periodic() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(
                            p -> PERIODIC.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(CheckpointStore::updateOf).reversed())
                    .toList();
        }
    }

    /**
     * The newest periodic checkpoint that reads back whole; a damaged one is reported and skipped so
     * a resume falls back to the one before it.
     */
    public Optional<Checkpoint> latestReadable() throws IOException {
        for (Path file : periodic()) {
            try {
                return Optional.of(read(file));
            } catch (IOException e) {
                LOG.warn("skipping unreadable checkpoint {}: {}", file, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Reads a checkpoint file, failing with the file's name when it is damaged or not a checkpoint. */
    public static Checkpoint read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such checkpoint file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode meta = JSON.readTree(bytes(zip, file, "meta.json"));
            if (meta.path("format").asInt() != FORMAT) {
                throw new IOException(
                        file + ": unsupported checkpoint format " + meta.path("format") + " (expected " + FORMAT + ")");
            }
            return new Checkpoint(
                    meta.path("update").asInt(),
                    meta.path("optimizer_steps").asLong(),
                    meta.path("elapsed_s").asDouble(),
                    new String(bytes(zip, file, "config.yaml"), StandardCharsets.UTF_8),
                    bytes(zip, file, "model.ndlist"),
                    bytes(zip, file, "optimizer.ndlist"));
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": not a readable checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private static byte[] bytes(ZipFile zip, Path file, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new IOException(file + ": checkpoint lacks " + name);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private void prune() throws IOException {
        List<Path> all = periodic();
        for (Path old : all.subList(Math.min(keepLast, all.size()), all.size())) {
            Files.deleteIfExists(old);
        }
    }

    /** Removes temp files left by a crash mid-write; they are never loaded, this only tidies up. */
    public List<Path> removeTornTempFiles() throws IOException {
        List<Path> removed = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().matches("\\..*\\.ckpt\\.tmp"))
                        .toList()) {
                    Files.delete(p);
                    removed.add(p);
                }
            }
        }
        return removed;
    }

    private static long updateOf(Path p) {
        Matcher m = PERIODIC.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
