package io.pixelpolish.cli;

import io.pixelpolish.contract.ExitCodes;
import io.pixelpolish.contract.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code pixelpolish} command: parses arguments and hands over to one subcommand. */
@Command(
        name = "pixelpolish",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Pixel-level reinforcement learning for blind image enhancement.",
        subcommands = {
            SmokeCommand.class,
            TrainCommand.class,
            SplitCommand.class,
            EvalCommand.class,
            BenchmarkCommand.class,
            VisualizeCommand.class,
            EnhanceCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class PixelPolishCli {
    /** Exit code for bad input: config, arguments or data. */
    public static final int EXIT_USAGE = ExitCodes.INVALID_INPUT;

    private static final Path TERMINATION_LOG = Path.of("/dev/termination-log");

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PixelPolishCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(PixelPolishCli::handle);
        return cli;
    }

    /**
     * Bad input ({@link InvalidInputException}: config, data, options) ends with a one-line message and
     * exit code 2, which the operator reports as invalid and does not retry; anything else is a bug or
     * an outage and ends with its stack trace and exit code 1, which a Job retries. The message also goes to Kubernetes' termination log when there is one, so a
     * failed pod says why in its status.
     */
    private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        boolean badInput = e instanceof InvalidInputException;
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        cli.getErr().println(cli.getColorScheme().errorText("error: " + message));
        if (!badInput) {
            e.printStackTrace(cli.getErr());
        }
        writeTerminationLog((badInput ? "InvalidInput: " : "Error: ") + message);
        return badInput ? EXIT_USAGE : 1;
    }

    private static void writeTerminationLog(String message) {
        if (Files.isWritable(TERMINATION_LOG)) {
            try {
                Files.writeString(TERMINATION_LOG, message.length() > 3500 ? message.substring(0, 3500) : message);
            } catch (IOException ignored) {
                // The console already has the message; the termination log is a convenience.
            }
        }
    }
}
