package io.pixelpolish.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged launcher, run as a separate process the way the README runs it. */
class LauncherIT {
    private static final Path LAUNCHER = SharedData.repoRoot().resolve("bin/pixelpolish");

    @TempDir
    Path dir;

    private record Result(int exitCode, String output) {}

    private static Result launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(SharedData.repoRoot().toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }

    @Test
    void helpAndVersion() throws Exception {
        Result help = launch("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("Usage: pixelpolish", "smoke", "train", "bench");
        Result version = launch("--version");
        assertThat(version.output()).containsPattern("pixelpolish \\d+\\.\\d+\\.\\d+");
    }

    @Test
    void smokeRunsFromTheBuiltJar() throws Exception {
        Result smoke = launch(
                "smoke",
                "--config",
                "configs/base.yaml",
                "--overrides",
                "configs/local_dev.yaml",
                "--set",
                "model.width=8",
                "--set",
                "train.crop_size=32",
                "--threads",
                "2");
        assertThat(smoke.exitCode()).as(smoke.output()).isZero();
        assertThat(smoke.output()).contains("engine PyTorch 2.7.1").endsWith("SMOKE TEST OK\n");
    }

    @Test
    void trainOnTheShippedSampleImages() throws Exception {
        Result train = launch(
                "train",
                "--config",
                "configs/base.yaml",
                "--overrides",
                "configs/local_dev.yaml",
                "--data-root",
                "examples/images",
                "--output-dir",
                dir.toString(),
                "--run-name",
                "sample",
                "--set",
                "model.width=8",
                "--set",
                "train.crop_size=32",
                "--set",
                "train.total_updates=2",
                "--threads",
                "2");
        assertThat(train.exitCode()).as(train.output()).isZero();
        assertThat(train.output())
                .contains("13 images under examples/images (rgb 7, gray 2, ir 4)", "finished: updates 0 -> 2");
        assertThat(dir.resolve("sample/metrics.jsonl")).content().hasLineCount(2);
    }
}
