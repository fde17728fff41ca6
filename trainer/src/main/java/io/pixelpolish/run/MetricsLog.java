package io.pixelpolish.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pixelpolish.checkpoint.CannotWriteException;
import io.pixelpolish.checkpoint.JsonLines;
import io.pixelpolish.checkpoint.RunFolder;
import io.pixelpolish.train.RunInfo;
import io.pixelpolish.train.RunTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * metrics.jsonl: one JSON object per update, synced to disk as written, before that update's
 * checkpoint is, so no checkpoint is ever ahead of the history. On resume, lines past the checkpoint
 * are dropped first, because those updates are about to be trained again and must not appear twice,
 * and so is a torn last line.
 */
public final class MetricsLog implements RunTracker {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private FileChannel writer;

    public MetricsLog(Path file) {
        this.file = file;
    }

    @Override
    public void started(RunInfo info) {
        try {
            keepUpTo(info.startUpdate());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            writer = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new CannotWriteException(file, e);
        }
    }

    @Override
    public void updated(int update, Map<String, Double> metrics) {
        ObjectNode line = JSON.createObjectNode();
        line.put("update", update);
        metrics.forEach((k, v) -> {
            if (v.isNaN() || v.isInfinite()) {
                line.putNull(k);
            } else {
                line.put(k, v);
            }
        });
        try {
            ByteBuffer bytes = ByteBuffer.wrap((JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                writer.write(bytes);
            }
            writer.force(false);
        } catch (IOException e) {
            throw new CannotWriteException(file, e);
        }
    }

    private void keepUpTo(int lastUpdate) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        BitSet logged = new BitSet();
        for (JsonLines.Line line : JsonLines.readRepairing(file)) {
            int update = line.json().path("update").asInt(Integer.MAX_VALUE);
            if (update <= lastUpdate) {
                kept.add(line.text());
                logged.set(Math.max(update, 0));
            }
        }
        int missing = lastUpdate - logged.get(1, lastUpdate + 1).cardinality();
        if (missing > 0) {
            LOG.warn(
                    "{} has no line for {} of the updates 1 to {} before the checkpoint (the first: {}): their metrics are lost",
                    file,
                    missing,
                    lastUpdate,
                    logged.nextClearBit(1));
        }
        RunFolder.writeAtomically(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
    }

    /** Reads a metrics file back, one node per update (for tests, reports and resumed trackers). */
    public static List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                rows.add(JSON.readTree(line));
            }
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
