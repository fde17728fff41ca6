package io.pixelpolish.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Which image sets a benchmark scores and how it pools them: groups of sets (folders under the data
 * root) whose images are averaged together, as the published baseline figures are. A group can
 * convert its colour images to gray, which makes the RGB sets serve as a third modality.
 */
public record BenchmarkSuite(List<Group> groups) {

    /** @param sets folders relative to the data root; one with {@code low/} and {@code high/} is paired */
    public record Group(String name, String title, List<String> sets, boolean gray) {}

    /** The suite behind docs/benchmark.md, shipped in the jar. */
    public static final String DEFAULT = "/io/pixelpolish/benchmark/shared-data.yaml";

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static BenchmarkSuite read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(file.toString(), in);
        }
    }

    public static BenchmarkSuite builtin() throws IOException {
        try (InputStream in = BenchmarkSuite.class.getResourceAsStream(DEFAULT)) {
            return parse(DEFAULT, in);
        }
    }

    private static BenchmarkSuite parse(String source, InputStream in) throws IOException {
        BenchmarkSuite suite;
        try {
            suite = YAML.readValue(in, BenchmarkSuite.class);
        } catch (IOException e) {
            throw new DataException(
                    source + ": not a benchmark suite (expected groups: [{name, title, sets: [...], gray}]): "
                            + e.getMessage());
        }
        if (suite.groups() == null || suite.groups().isEmpty()) {
            throw new DataException(source + ": expected at least one group under groups");
        }
        for (Group group : suite.groups()) {
            if (group.name() == null
                    || !group.name().matches("[a-z0-9][a-z0-9-]*")
                    || group.sets() == null
                    || group.sets().isEmpty()) {
                throw new DataException(source
                        + ": every group needs a name of lowercase letters, digits and '-', and sets; got " + group);
            }
        }
        return suite;
    }
}
