package io.pixelpolish.testing;

import io.pixelpolish.cli.PixelPolishCli;
import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in process, capturing what a user would see. */
public final class CliRunner {
    private CliRunner() {}

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
