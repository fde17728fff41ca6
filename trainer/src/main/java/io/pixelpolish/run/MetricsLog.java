package io.pixelpolish.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pixelpolish.checkpoint.RunFolder;
import io.pixelpolish.train.RunInfo;
import io.pixelpolish.train.RunTracker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * metrics.jsonl: one JSON object per update, flushed as written so a crash loses nothing already
 * reported. On resume, lines past the checkpoint are dropped first, because those updates are
 * about to be trained again and must not appear twice.
 */
public final class MetricsLog implements RunTracker {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private BufferedWriter writer;

    public MetricsLog(Path file) {
        this.file = file;
    }

    @Override
    public void started(RunInfo info) {
        try {
            keepUpTo(info.startUpdate());
            writer = Files.newBufferedWriter(
                    file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + file, e);
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
            writer.write(JSON.writeValueAsString(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    private void keepUpTo(int lastUpdate) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && JSON.readTree(line).path("update").asInt(Integer.MAX_VALUE) <= lastUpdate) {
                kept.add(line);
            }
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
