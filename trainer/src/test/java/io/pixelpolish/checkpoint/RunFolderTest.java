package io.pixelpolish.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFolderTest {
    @TempDir
    Path dir;

    @Test
    void anExistingRunIsNeverOverwrittenWithoutResume() throws IOException {
        RunFolder first = RunFolder.open(dir, "exp01", false);
        Files.writeString(first.metricsFile(), "{\"update\":1}\n");
        assertThatThrownBy(() -> RunFolder.open(dir, "exp01", false))
                .hasMessageContaining("already exists")
                .hasMessageContaining("--resume");
        assertThat(Files.readString(first.metricsFile())).isEqualTo("{\"update\":1}\n");
        assertThat(RunFolder.open(dir, "exp01", true).root()).isEqualTo(first.root());
    }

    @Test
    void runNamesMustBeSafeFolderNames() {
        assertThatThrownBy(() -> RunFolder.open(dir, "../escape", false)).hasMessageContaining("--run-name");
        assertThatThrownBy(() -> RunFolder.open(dir, "a b", false)).hasMessageContaining("--run-name");
    }
}
