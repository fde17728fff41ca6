package io.pixelpolish.testing;

import io.pixelpolish.cli.PixelPolishCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** Runs the command line in process, capturing what a user would see. */
public final class CliRunner {
    private CliRunner() {}

    /** Options that make {@code train} tiny (width 8, 32 px crops, 2 threads): seconds on a CPU. */
    public static final List<String> TINY_TRAINING = List.of(
            "--overrides",
            "local_dev",
            "--set",
            "model.width=8",
            "--set",
            "train.batch_size=4",
            "--set",
            "train.crop_size=32",
            "--set",
            "train.minibatches=2",
            "--set",
            "train.episode_length=2",
            "--threads",
            "2");

    /** Exit code and console text of one invocation. */
    public record Run(int exitCode, String out, String err) {}

    public static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cli = PixelPolishCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return new Run(cli.execute(args), out.toString(), err.toString());
    }
}
