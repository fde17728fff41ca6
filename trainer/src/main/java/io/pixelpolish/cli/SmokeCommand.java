package io.pixelpolish.cli;

import io.pixelpolish.rl.SmokeCheck;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "smoke",
        mixinStandardHelpOptions = true,
        description = "Phase-1 gate: build the network, take one environment step and one PPO update on random input, "
                + "print every tensor shape on the way, and end with SMOKE TEST OK.")
final class SmokeCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        engineOptions.apply();
        SmokeCheck.run(configOptions.load().config(), spec.commandLine().getOut());
        return 0;
    }
}
