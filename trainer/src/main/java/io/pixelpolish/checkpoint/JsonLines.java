package io.pixelpolish.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only JSON-lines files of a run folder, read back by a resumed run. A crash, power loss
 * or full disk mid-append leaves a torn last line; such a line is dropped with a warning naming the
 * file and what was dropped, instead of blocking every later resume.
 */
public final class JsonLines {
    private static final Logger LOG = LoggerFactory.getLogger(JsonLines.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 80;

    private JsonLines() {}

    /** One line as it is in the file, and what it says. */
    public record Line(String text, JsonNode json) {}

    /** The objects of {@code file} in order; lines that are not a JSON object are dropped and reported. */
    public static List<Line> readRepairing(Path file) throws IOException {
        List<Line> rows = new ArrayList<>();
        // Lenient decoding: a torn multi-byte character must not make the whole file unreadable.
        List<String> lines = List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = parse(line);
            if (row != null && row.isObject()) {
                rows.add(new Line(line, row));
            } else {
                LOG.warn(
                        "{}: dropped line {} of {}, not a whole JSON object ({} bytes: {}), as a crash or full disk leaves it",
                        file,
                        i + 1,
                        lines.size(),
                        line.getBytes(StandardCharsets.UTF_8).length,
                        line.length() > SHOWN ? line.substring(0, SHOWN) + "…" : line);
            }
        }
        return rows;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
