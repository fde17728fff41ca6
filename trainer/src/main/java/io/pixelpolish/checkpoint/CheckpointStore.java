package io.pixelpolish.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.pixelpolish.contract.InvalidInputException;
import io.pixelpolish.contract.metrics.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoint files of one run: {@code update-000100.ckpt} every interval, {@code final.ckpt} and
 * {@code best.ckpt} (the policy with the best value so far of the metric {@code checkpoint.best} names).
 * Each is a zip (meta.json, config.yaml, model.ndlist, optimizer.ndlist) written to a hidden temp
 * file of its own, synced and renamed into place, so a crash mid-write leaves the previous checkpoint
 * as the newest one and a torn temp file is never mistaken for a checkpoint. meta.json records the
 * SHA-256 of every other entry and reading verifies them (and every entry's CRC, which the zip
 * reader does not), so a bit-flipped or torn checkpoint is reported as damaged, never loaded.
 */
public final class CheckpointStore {
    public static final String FINAL = "final.ckpt";
    public static final String BEST = "best.ckpt";
    /** A damaged periodic checkpoint is renamed to this, out of the way of resume and pruning, kept for a look. */
    public static final String DAMAGED_SUFFIX = ".damaged";

    private static final String BEST_METRIC = "best_metric";
    private static final String BEST_VALUE = "best_value";
    /** What best.ckpt recorded before checkpoint.best existed: it always followed the greedy reward. */
    private static final String LEGACY_BEST_SCORE = "greedy_reward";

    private static final String LEGACY_BEST_METRIC = Metric.GREEDY_REWARD.key();

    /** The metric that made {@code best.ckpt} the best, and its value then. */
    public record BestScore(String metric, double value) {}

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final Pattern PERIODIC = Pattern.compile("update-(\\d{6,})\\.ckpt");
    private static final Pattern TEMP = Pattern.compile("\\..+\\.ckpt(\\..+)?\\.tmp");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Checkpoints without digests (written before they existed) have this format too: only their CRCs are checked. */
    private static final int FORMAT = 1;

    private static final String META = "meta.json";
    private static final String CONFIG = "config.yaml";
    private static final String MODEL = "model.ndlist";
    private static final String OPTIMIZER = "optimizer.ndlist";
    private static final String DIGESTS = "sha256";

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
    public Path saveFinal(Checkpoint checkpoint) {
        return write(checkpoint, FINAL, Map.of());
    }

    /** Writes {@code best.ckpt}, remembering the {@code metric} value that made it the best; never pruned. */
    public Path saveBest(Checkpoint checkpoint, BestScore score) {
        return write(checkpoint, BEST, Map.of(BEST_METRIC, score.metric(), BEST_VALUE, score.value()));
    }

    /** What made {@code best.ckpt} the best; empty when there is none yet or it is damaged. */
    public Optional<BestScore> bestScore() {
        Path file = dir.resolve(BEST);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode meta;
        try {
            meta = readVerified(file).meta();
        } catch (DamagedCheckpointException e) {
            LOG.warn("{}; the next best policy replaces it", e.getMessage());
            return Optional.empty();
        }
        if (meta.path(BEST_VALUE).isNumber()) {
            return Optional.of(new BestScore(
                    meta.path(BEST_METRIC).asText(), meta.path(BEST_VALUE).asDouble()));
        }
        JsonNode legacy = meta.path(LEGACY_BEST_SCORE);
        return legacy.isNumber() ? Optional.of(new BestScore(LEGACY_BEST_METRIC, legacy.asDouble())) : Optional.empty();
    }

    /** @throws CannotWriteException naming the checkpoint; its temp file is gone by then, the old checkpoint intact */
    private Path write(Checkpoint c, String name, Map<String, Object> extraMeta) {
        Path target = dir.resolve(name);
        Map<String, byte[]> payload = new LinkedHashMap<>();
        payload.put(CONFIG, c.configYaml().getBytes(StandardCharsets.UTF_8));
        payload.put(MODEL, c.model());
        payload.put(OPTIMIZER, c.optimizer());
        Map<String, String> digests = new TreeMap<>();
        payload.forEach((entry, bytes) -> digests.put(entry, sha256(bytes)));
        Map<String, Object> meta = new TreeMap<>(extraMeta);
        meta.putAll(Map.of(
                "format",
                FORMAT,
                "update",
                c.update(),
                "optimizer_steps",
                c.optimizerSteps(),
                "elapsed_s",
                c.elapsedSeconds(),
                "written",
                Instant.now().toString(),
                DIGESTS,
                digests));
        Path temp = RunFolder.tempFileFor(target);
        try {
            Files.createDirectories(dir);
            try (FileChannel file = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    ZipOutputStream zip = new ZipOutputStream(Channels.newOutputStream(file))) {
                entry(zip, META, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
                for (Map.Entry<String, byte[]> entry : payload.entrySet()) {
                    entry(zip, entry.getKey(), entry.getValue());
                }
                zip.finish();
                file.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new CannotWriteException(target, e);
        } finally {
            RunFolder.deleteLeftover(temp);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
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
     * The newest periodic checkpoint that verifies, to resume from. A damaged one is set aside (renamed
     * to {@code <name>.damaged}) with a warning naming it, and the one before it is tried. When there
     * are checkpoints and every one is damaged, starting from update 0 would silently throw the run's
     * history away: that needs {@code restartIfDamaged}, else it is refused and nothing is touched.
     *
     * @throws InvalidInputException when every checkpoint is damaged and {@code restartIfDamaged} is off
     */
    public Optional<Checkpoint> newestIntact(boolean restartIfDamaged) throws IOException {
        List<DamagedCheckpointException> damaged = new ArrayList<>();
        Optional<Checkpoint> intact = Optional.empty();
        for (Path file : periodic()) {
            try {
                intact = Optional.of(read(file));
                break;
            } catch (DamagedCheckpointException e) {
                damaged.add(e);
            }
        }
        if (intact.isEmpty() && !damaged.isEmpty() && !restartIfDamaged) {
            throw new InvalidInputException("every checkpoint in " + dir + " is damaged ("
                    + damaged.stream()
                            .map(e -> e.file().getFileName() + ": " + e.problem())
                            .collect(Collectors.joining("; "))
                    + "): put an intact one back, or pass --restart-if-damaged to train again from update 0");
        }
        String next = intact.map(c -> "resuming from update " + c.update())
                .orElse("starting over from update 0 (--restart-if-damaged)");
        for (DamagedCheckpointException e : damaged) {
            Path aside = e.file().resolveSibling(e.file().getFileName() + DAMAGED_SUFFIX);
            try {
                Files.move(e.file(), aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                throw new CannotWriteException(aside, moveFailed);
            }
            LOG.warn("{}; moved it aside to {}, {}", e.getMessage(), aside.getFileName(), next);
        }
        return intact;
    }

    /**
     * Reads and verifies a checkpoint file: every entry's CRC, its SHA-256 when meta.json records one,
     * and that the weights decode.
     *
     * @throws DamagedCheckpointException naming the file and what is wrong with it
     * @throws InvalidInputException when there is no such file
     */
    public static Checkpoint read(Path file) {
        return readVerified(file).checkpoint();
    }

    private record Verified(JsonNode meta, Checkpoint checkpoint) {}

    private static Verified readVerified(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such checkpoint file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode meta = JSON.readTree(entryBytes(zip, file, META, MissingNode.getInstance()));
            if (meta.path("format").asInt() != FORMAT) {
                throw new DamagedCheckpointException(
                        file,
                        "unsupported checkpoint format " + meta.path("format") + " (this build reads " + FORMAT + ")");
            }
            if (!meta.path("update").canConvertToInt()) {
                throw new DamagedCheckpointException(file, META + " lacks the update it was written at");
            }
            JsonNode digests = meta.path(DIGESTS);
            Checkpoint checkpoint = new Checkpoint(
                    meta.path("update").asInt(),
                    meta.path("optimizer_steps").asLong(),
                    meta.path("elapsed_s").asDouble(),
                    new String(entryBytes(zip, file, CONFIG, digests), StandardCharsets.UTF_8),
                    requireArrays(file, MODEL, entryBytes(zip, file, MODEL, digests)),
                    requireArrays(file, OPTIMIZER, entryBytes(zip, file, OPTIMIZER, digests)));
            return new Verified(meta, checkpoint);
        } catch (JsonProcessingException e) {
            throw new DamagedCheckpointException(file, META + " is not JSON (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new DamagedCheckpointException(file, "not a readable checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /** An entry's bytes, checked against its CRC and, when {@code digests} has one for it, its SHA-256. */
    private static byte[] entryBytes(ZipFile zip, Path file, String name, JsonNode digests) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new DamagedCheckpointException(file, "it lacks " + name);
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(entry)) {
            bytes = in.readAllBytes();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
            throw new DamagedCheckpointException(file, name + " fails its CRC check");
        }
        JsonNode expected = digests.path(name);
        if (expected.isTextual() && !expected.asText().equals(sha256(bytes))) {
            throw new DamagedCheckpointException(file, name + " fails its SHA-256 check");
        }
        return bytes;
    }

    /** Bytes that decode as arrays: for a checkpoint without digests, its CRCs alone do not say it holds weights. */
    private static byte[] requireArrays(Path file, String name, byte[] bytes) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDList.decode(manager, bytes);
        } catch (IllegalArgumentException e) {
            throw new DamagedCheckpointException(file, name + " holds no arrays (" + e.getMessage() + ")", e);
        }
        return bytes;
    }

    private void prune() throws IOException {
        List<Path> all = periodic();
        for (Path old : all.subList(Math.min(keepLast, all.size()), all.size())) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                throw new CannotWriteException(old, e);
            }
        }
    }

    /**
     * Removes temp files left by a crash mid-write; they are never loaded, this only tidies up. Only
     * the run folder's one writer (it holds {@link RunFolder#lockForWriting}) calls it, so no other
     * process is still writing one of them.
     */
    public List<Path> removeTornTempFiles() throws IOException {
        List<Path> removed = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(
                                f -> TEMP.matcher(f.getFileName().toString()).matches())
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
