package io.pixelpolish.run.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.checkpoint.RunFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlflowOutboxTest {
    @TempDir
    Path dir;

    private static MlflowOutbox.Row row(int update) {
        return new MlflowOutbox.Row(
                update,
                1_000L + update,
                Map.of("rewards/mean", update / 10.0, "losses/explained_variance", Double.NaN));
    }

    @Test
    void aResumedRunKeepsOnlyWhatMlflowLacksUpToItsCheckpoint() throws Exception {
        RunFolder folder = RunFolder.open(dir, "r", false);
        MlflowOutbox first = MlflowOutbox.open(folder, 0);
        first.runOpened("run-1", "7");
        for (int update = 1; update <= 6; update++) {
            first.append(row(update));
        }
        first.acknowledged(2);
        first.close(false);

        // The process died after update 6 with its newest checkpoint at update 4.
        MlflowOutbox resumed = MlflowOutbox.open(RunFolder.open(dir, "r", true), 4);

        assertThat(resumed.state()).isEqualTo(new MlflowOutbox.State("run-1", "7", 2, false));
        assertThat(resumed.unsent()).extracting(MlflowOutbox.Row::update).containsExactly(3, 4);
        assertThat(resumed.unsent().get(0).timestampMillis())
                .as("the original timestamp, so a resend is the same value")
                .isEqualTo(1_003L);
        assertThat(resumed.unsent().get(0).metrics().get("losses/explained_variance"))
                .isNaN();
        resumed.close(true);
        assertThat(folder.mlflow().resolve("pending.jsonl")).isEmptyFile();
    }

    @Test
    void aTornLastRowOfTheOutboxDoesNotBlockTheResume() throws Exception {
        RunFolder folder = RunFolder.open(dir, "r", false);
        MlflowOutbox first = MlflowOutbox.open(folder, 0);
        first.runOpened("run-1", "7");
        first.append(row(1));
        first.close(false);
        Path pending = folder.mlflow().resolve("pending.jsonl");
        Files.writeString(pending, "{\"update\":2,\"timest", StandardOpenOption.APPEND);

        MlflowOutbox resumed = MlflowOutbox.open(RunFolder.open(dir, "r", true), 2);

        assertThat(resumed.unsent()).extracting(MlflowOutbox.Row::update).containsExactly(1);
        resumed.close(false);
        assertThat(pending).content().doesNotContain("\"update\":2");
    }
}
