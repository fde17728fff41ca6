package io.pixelpolish.cli;

import picocli.CommandLine.Option;

/**
 * Engine settings that must be fixed before the PyTorch engine loads, which happens on first use:
 * every command applies them at its start.
 */
public final class EngineOptions {
    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Intra-op threads of the PyTorch engine (default: all cores).")
    Integer threads;

    void apply() {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        if (threads != null) {
            if (threads < 1) {
                throw new InvalidOptionException("--threads: expected >= 1, got " + threads);
            }
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        }
    }
}
