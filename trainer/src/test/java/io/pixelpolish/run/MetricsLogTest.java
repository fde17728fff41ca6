package io.pixelpolish.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.checkpoint.RunFolder;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.train.RunInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    @TempDir
    Path dir;

    private RunInfo info(RunFolder folder, int start) {
        return new RunInfo("r", folder, ConfigLoader.load("base", List.of(), List.of()), start, 10);
    }

    @Test
    void oneLinePerUpdateAndResumeDropsLinesPastTheCheckpoint() throws IOException {
        RunFolder folder = RunFolder.open(dir, "r", false);
        Map<String, Double> metrics =
                new LinkedHashMap<>(Map.of("rewards/mean", 0.5, "losses/explained_variance", Double.NaN));
        try (MetricsLog log = new MetricsLog(folder.metricsFile())) {
            log.started(info(folder, 0));
            for (int u = 1; u <= 5; u++) {
                log.updated(u, metrics);
            }
        }
        // the process died after update 5 but the newest checkpoint is update 3
        try (MetricsLog log = new MetricsLog(folder.metricsFile())) {
            log.started(info(folder, 3));
            log.updated(4, metrics);
        }
        var rows = MetricsLog.read(folder.metricsFile());
        assertThat(rows).extracting(r -> r.get("update").asInt()).containsExactly(1, 2, 3, 4);
        assertThat(rows.get(0).get("rewards/mean").asDouble()).isEqualTo(0.5);
        assertThat(rows.get(0).get("losses/explained_variance").isNull())
                .as("NaN is written as null, valid JSON")
                .isTrue();
    }

    @Test
    void aTornLastLineIsDroppedAndTheRunGoesOn() throws IOException {
        RunFolder folder = RunFolder.open(dir, "r", false);
        // power went off mid-append: update 3's line is half there, the checkpoint is at 2
        Files.writeString(
                folder.metricsFile(),
                "{\"update\":1,\"rewards/mean\":0.5}\n{\"update\":2,\"rewards/mean\":0.25}\n{\"update\":3,\"rew");
        try (MetricsLog log = new MetricsLog(folder.metricsFile())) {
            log.started(info(folder, 2));
            log.updated(3, Map.of("rewards/mean", 0.75));
        }
        assertThat(Files.readString(folder.metricsFile()))
                .isEqualTo("{\"update\":1,\"rewards/mean\":0.5}\n{\"update\":2,\"rewards/mean\":0.25}\n"
                        + "{\"update\":3,\"rewards/mean\":0.75}\n");
    }

    @Test
    void aTornLineWithinTheCheckpointIsDroppedToo() throws IOException {
        RunFolder folder = RunFolder.open(dir, "r", false);
        Files.write(
                folder.metricsFile(),
                "{\"update\":1}\n{\"upd\u0000\u0000\n{\"update\":3}\n".getBytes(StandardCharsets.UTF_8));
        try (MetricsLog log = new MetricsLog(folder.metricsFile())) {
            log.started(info(folder, 3));
        }
        assertThat(MetricsLog.read(folder.metricsFile()))
                .extracting(r -> r.get("update").asInt())
                .containsExactly(1, 3);
    }
}
