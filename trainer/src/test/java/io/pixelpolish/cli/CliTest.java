package io.pixelpolish.cli;

import static io.pixelpolish.testing.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.run.MetricsLog;
import io.pixelpolish.testing.CliRunner;
import io.pixelpolish.testing.CliRunner.Run;
import io.pixelpolish.testing.TestCheckpoints;
import io.pixelpolish.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line end to end, in process: arguments in, exit code and console text out. */
class CliTest {
    private static final String[] TINY = CliRunner.TINY_TRAINING.toArray(String[]::new);

    @TempDir
    Path dir;

    private static String[] with(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void smokeDumpsShapesAndPasses() {
        Run r = run(with(new String[] {"smoke", "--config", "configs/base.yaml"}, TINY));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("observation x_t", "(4, 3, 32, 32)", "rollout log_probs", "PPO update:")
                .endsWith("SMOKE TEST OK" + System.lineSeparator());
    }

    @Test
    void trainWritesARunFolder() throws IOException {
        Path data = TestImages.writeFolder(dir.resolve("data"), 3, 40, true, 5);
        Run r = run(with(
                new String[] {
                    "train",
                    "--data-root",
                    data.toString(),
                    "--output-dir",
                    dir.resolve("runs").toString(),
                    "--run-name",
                    "cli",
                    "--set",
                    "train.total_updates=2",
                    "--set",
                    "checkpoint.interval=1"
                },
                TINY));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("finished: updates 0 -> 2");
        assertThat(MetricsLog.read(dir.resolve("runs/cli/metrics.jsonl"))).hasSize(2);
        assertThat(dir.resolve("runs/cli/checkpoints/final.ckpt")).isRegularFile();

        Run again = run(with(
                new String[] {
                    "train",
                    "--data-root",
                    data.toString(),
                    "--output-dir",
                    dir.resolve("runs").toString(),
                    "--run-name",
                    "cli",
                    "--set",
                    "train.total_updates=2"
                },
                TINY));
        assertThat(again.exitCode()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(again.err()).contains("already exists", "--resume");
    }

    @Test
    void badInputExitsWithCodeTwoAndAClearMessage() throws IOException {
        Run typo = run("smoke", "--set", "train.lrr=1");
        assertThat(typo.exitCode()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(typo.err()).contains("unknown key 'train.lrr'").doesNotContain("Exception");

        Path empty = Files.createDirectories(dir.resolve("empty"));
        Run noImages = run(
                with(new String[] {"train", "--data-root", empty.toString(), "--output-dir", dir.toString()}, TINY));
        assertThat(noImages.exitCode()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(noImages.err()).contains(empty.toString());

        Run missingOption = run("train");
        assertThat(missingOption.exitCode()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(missingOption.err()).contains("--data-root");

        Run oddBatch = run(with(
                with(new String[] {"smoke", "--overrides", "configs/ablation/grpo.yaml"}, TINY),
                "--set",
                "train.batch_size=6"));
        assertThat(oddBatch.exitCode()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(oddBatch.err()).contains("train.batch_size: expected a multiple of grpo.group_size = 4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"enhance", "eval"})
    void aDamagedCheckpointGivenByPathExitsTwoNamingItAndWhatIsWrong(String command) throws IOException {
        Path checkpoint = TestCheckpoints.brightening(dir.resolve("ckpt"), 0.5f);
        byte[] bytes = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, Arrays.copyOf(bytes, bytes.length - 100));
        Path images = TestImages.writeFolder(dir.resolve("images"), 1, 16, true, 1);
        Run r = run(
                command,
                "--ckpt",
                checkpoint.toString(),
                command.equals("enhance") ? "--input" : "--data-root",
                images.toString(),
                command.equals("enhance") ? "--output" : "--out",
                dir.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(r.err())
                .contains("error: checkpoint " + checkpoint + " is damaged: not a readable checkpoint (")
                .doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"smoke", "train", "bench"})
    void everyCommandHasHelp(String command) {
        Run r = run(command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: pixelpolish " + command, "--config", "--set");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eval", "visualize", "enhance"})
    void everyInferenceCommandHasHelp(String command) {
        Run r = run(command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: pixelpolish " + command, "--ckpt", "--steps", "--device");
    }

    @Test
    void benchPrintsTheFigures() {
        Run r = run(
                "bench",
                "--batch",
                "2",
                "--size",
                "16",
                "--width",
                "8",
                "--iters",
                "1",
                "--warmup",
                "0",
                "--threads",
                "2",
                "--device",
                "cpu");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .containsPattern("update_s=[0-9.]+ images_per_s=[0-9.]+")
                .contains("memory: rss_mb");
    }

    /** A failing command, to see how each kind of failure leaves the process. */
    @picocli.CommandLine.Command(name = "fail")
    static final class Fail implements java.util.concurrent.Callable<Integer> {
        @picocli.CommandLine.Option(names = "--with")
        String kind;

        @Override
        public Integer call() {
            throw switch (kind) {
                case "config" ->
                    new io.pixelpolish.config.ConfigException("train.lr", java.util.List.of("expected > 0"));
                case "data" -> new io.pixelpolish.data.DataException("--data-root x: no images");
                default -> new IllegalArgumentException("weights: expected shape (8, 3), got (3, 8)");
            };
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"config", "data", "bug"})
    void onlyInvalidInputExitsTwoProgrammingErrorsExitOne(String kind) {
        picocli.CommandLine cli = PixelPolishCli.commandLine().addSubcommand(new Fail());
        java.io.StringWriter err = new java.io.StringWriter();
        cli.setErr(new java.io.PrintWriter(err));
        int exit = cli.execute("fail", "--with", kind);
        if (kind.equals("bug")) {
            assertThat(exit)
                    .as("an internal shape check is a bug, retried like any failure")
                    .isEqualTo(1);
            assertThat(err.toString()).contains("at io.pixelpolish.cli.CliTest$Fail.call");
        } else {
            assertThat(exit).isEqualTo(io.pixelpolish.contract.ExitCodes.INVALID_INPUT);
            assertThat(err.toString()).startsWith("error: ").doesNotContain("\tat ");
        }
    }
}
