package io.pixelpolish.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged launcher {@code bin/pixelpolish}, run as a separate process from the repository root
 * the way the README runs it: what depends on the process (its locale, umask, a fresh JVM) is real.
 */
public final class Launcher {
    public static final Path LAUNCHER = SharedData.repoRoot().resolve("bin/pixelpolish");

    private Launcher() {}

    /** Exit code and console text (stdout and stderr together) of one run. */
    public record Result(int exitCode, String output) {}

    public static Result launch(String... args) throws IOException, InterruptedException {
        return launch(Map.of(), "", args);
    }

    /**
     * @param environment variables set for the run on top of this process's
     * @param shellPrefix shell commands run before the launcher in the same shell (e.g. {@code umask 022});
     *     empty: the launcher is started directly
     */
    public static Result launch(Map<String, String> environment, String shellPrefix, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (!shellPrefix.isEmpty()) {
            command.addAll(List.of("bash", "-c", shellPrefix + "; exec \"$0\" \"$@\""));
        }
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(SharedData.repoRoot().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
