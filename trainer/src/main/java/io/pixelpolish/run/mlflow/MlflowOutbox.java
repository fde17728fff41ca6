package io.pixelpolish.run.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pixelpolish.checkpoint.CannotWriteException;
import io.pixelpolish.checkpoint.JsonLines;
import io.pixelpolish.checkpoint.RunFolder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run folder's side of the MLflow run, {@code <run>/mlflow/}: {@code run.json} (the run's id,
 * so a resumed process continues the same MLflow run, and the last update MLflow has acknowledged)
 * and {@code pending.jsonl} (every update's metrics, appended before they are sent). Metrics keep
 * the timestamp they were buffered with, so sending a row again after an answer got lost logs the
 * very same values, which MLflow's database store keeps once.
 */
final class MlflowOutbox {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One update's metrics as they go to MLflow. */
    record Row(int update, long timestampMillis, Map<String, Double> metrics) {}

    /** What run.json holds; {@code loggedThrough} is the last update MLflow acknowledged. */
    record State(String runId, String experimentId, int loggedThrough, boolean paramsLogged) {
        static final State NONE = new State(null, null, 0, false);
    }

    private final Path stateFile;
    private final Path pendingFile;
    private final BufferedWriter pending;
    private final List<Row> unsent;
    private State state;

    private MlflowOutbox(Path dir, State state, List<Row> unsent) throws IOException {
        this.stateFile = dir.resolve("run.json");
        this.pendingFile = dir.resolve("pending.jsonl");
        this.state = state;
        this.unsent = unsent;
        this.pending = Files.newBufferedWriter(
                pendingFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /**
     * Opens the outbox of a run that continues after update {@code startUpdate}. Rows MLflow already
     * has are dropped, and so are rows past {@code startUpdate}: those updates are about to be
     * trained again and will be buffered anew.
     */
    static MlflowOutbox open(RunFolder folder, int startUpdate) throws IOException {
        Path dir = folder.mlflow();
        Files.createDirectories(dir);
        Path stateFile = dir.resolve("run.json");
        State state = Files.exists(stateFile) ? readState(stateFile) : State.NONE;
        Path pendingFile = dir.resolve("pending.jsonl");
        List<Row> unsent = new ArrayList<>();
        if (Files.exists(pendingFile)) {
            for (JsonLines.Line line : JsonLines.readRepairing(pendingFile)) {
                Row row = parse(pendingFile, line);
                if (row.update() > state.loggedThrough() && row.update() <= startUpdate) {
                    unsent.add(row);
                }
            }
        }
        StringBuilder kept = new StringBuilder();
        for (Row row : unsent) {
            kept.append(format(row)).append('\n');
        }
        RunFolder.writeAtomically(pendingFile, kept.toString());
        return new MlflowOutbox(dir, state, unsent);
    }

    /** Rows buffered by an earlier process that MLflow never acknowledged, in update order. */
    List<Row> unsent() {
        return List.copyOf(unsent);
    }

    synchronized State state() {
        return state;
    }

    /** Buffers a row to disk before it is sent; called on the training thread. */
    void append(Row row) {
        try {
            pending.write(format(row));
            pending.newLine();
            pending.flush();
        } catch (IOException e) {
            throw new CannotWriteException(pendingFile, e);
        }
    }

    synchronized void runOpened(String runId, String experimentId) {
        save(new State(runId, experimentId, state.loggedThrough(), state.paramsLogged()));
    }

    synchronized void paramsLogged() {
        save(new State(state.runId(), state.experimentId(), state.loggedThrough(), true));
    }

    synchronized void acknowledged(int update) {
        save(new State(state.runId(), state.experimentId(), update, state.paramsLogged()));
    }

    /** @param allSent MLflow has every row: the buffer is emptied, so only what is owed stays on disk */
    void close(boolean allSent) {
        try {
            pending.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + pendingFile, e);
        }
        if (allSent) {
            RunFolder.writeAtomically(pendingFile, "");
        }
    }

    private void save(State next) {
        ObjectNode json = JSON.createObjectNode();
        json.put("run_id", next.runId());
        json.put("experiment_id", next.experimentId());
        json.put("logged_through", next.loggedThrough());
        json.put("params_logged", next.paramsLogged());
        RunFolder.writeAtomically(stateFile, json.toPrettyString() + "\n");
        state = next;
    }

    private static State readState(Path file) throws IOException {
        JsonNode json = JSON.readTree(file.toFile());
        if (!json.path("run_id").isTextual()) {
            throw new IOException(file + ": expected an object with run_id, experiment_id and logged_through");
        }
        return new State(
                json.get("run_id").asText(),
                json.path("experiment_id").asText(),
                json.path("logged_through").asInt(),
                json.path("params_logged").asBoolean());
    }

    private static String format(Row row) {
        ObjectNode json = JSON.createObjectNode();
        json.put("update", row.update());
        json.put("timestamp", row.timestampMillis());
        ObjectNode metrics = json.putObject("metrics");
        // JSON has no NaN: written as null, read back as NaN, which MLflow stores as such.
        row.metrics().forEach((key, value) -> {
            if (Double.isFinite(value)) {
                metrics.put(key, value);
            } else {
                metrics.putNull(key);
            }
        });
        return json.toString();
    }

    private static Row parse(Path file, JsonLines.Line line) throws IOException {
        JsonNode json = line.json();
        Map<String, Double> metrics = new LinkedHashMap<>();
        json.path("metrics")
                .fields()
                .forEachRemaining(e -> metrics.put(
                        e.getKey(),
                        e.getValue().isNull() ? Double.NaN : e.getValue().asDouble()));
        if (!json.path("update").isInt() || !json.path("timestamp").isNumber()) {
            throw new IOException(file + ": expected lines with update, timestamp and metrics, got " + line.text());
        }
        return new Row(json.get("update").asInt(), json.get("timestamp").asLong(), metrics);
    }
}
