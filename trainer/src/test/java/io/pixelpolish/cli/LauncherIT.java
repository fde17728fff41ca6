package io.pixelpolish.cli;

import static io.pixelpolish.testing.Launcher.launch;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.testing.Launcher.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged launcher, run as a separate process the way the README runs it. */
class LauncherIT {
    @TempDir
    Path dir;

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
