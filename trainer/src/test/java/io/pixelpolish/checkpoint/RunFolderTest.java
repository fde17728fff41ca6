package io.pixelpolish.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelpolish.contract.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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

    @Test
    void aRunHasOneWriterAndARefusedOneIsToldWho() throws IOException {
        RunFolder folder = RunFolder.open(dir, "exp01", false);
        try (RunFolder.WriterLock held = folder.lockForWriting()) {
            assertThat(folder.root().resolve(RunFolder.LOCK))
                    .content()
                    .startsWith("pid " + ProcessHandle.current().pid() + " on host ");
            RunFolder again = RunFolder.open(dir, "exp01", true);
            assertThatThrownBy(again::lockForWriting)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("run folder " + folder.root() + " is in use by another trainer (pid "
                            + ProcessHandle.current().pid() + " on host ")
                    .hasMessageNotContaining("\n");
        }
        try (RunFolder.WriterLock next = RunFolder.open(dir, "exp01", true).lockForWriting()) {
            assertThat(next).as("free again once the first writer is done").isNotNull();
        }
    }

    @Test
    void everyWriteHasATempFileOfItsOwn() {
        Path file = dir.resolve("config.yaml");
        Path one = RunFolder.tempFileFor(file), two = RunFolder.tempFileFor(file);
        assertThat(one).isNotEqualTo(two);
        assertThat(one.getParent()).isEqualTo(dir);
        assertThat(one.getFileName().toString())
                .startsWith(".config.yaml." + ProcessHandle.current().pid() + "-")
                .endsWith(".tmp");
    }

    @Test
    void aFailedWriteNamesTheFileAndLeavesNothingBehind() throws IOException {
        // a non-empty folder where the file goes: the rename over it fails, as on a broken disk
        Path file = Files.createDirectories(dir.resolve("config.yaml").resolve("in-the-way"))
                .getParent();
        assertThatThrownBy(() -> RunFolder.writeAtomically(file, "a: 1\n"))
                .isInstanceOf(CannotWriteException.class)
                .hasMessageStartingWith("cannot write " + file + ": ");
        try (Stream<Path> entries = Files.list(dir)) {
            assertThat(entries).containsExactly(file);
        }
    }

    @Test
    void anOutputFolderThatCannotBeCreatedIsNamed() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("runs"), "a file, not a folder");
        assertThatThrownBy(() -> RunFolder.open(notAFolder, "exp01", false))
                .isInstanceOf(CannotWriteException.class)
                .hasMessageStartingWith("cannot write " + notAFolder.resolve("exp01/checkpoints") + ": ");
    }
}
