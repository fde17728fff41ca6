package io.pixelpolish.cli;

import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.EffectiveConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The config flags every command shares: a base, override files in order, then key=value pairs. */
public final class ConfigOptions {
    @Option(
            names = "--config",
            defaultValue = "configs/base.yaml",
            paramLabel = "FILE|NAME",
            description =
                    "Base config file, or a built-in config name (base, local_dev, ...). Default: ${DEFAULT-VALUE}.")
    String config;

    @Option(
            names = "--overrides",
            paramLabel = "FILE|NAME",
            description = "Config file merged over the base; repeatable, applied in order.")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "Set one config key (dotted path, YAML value), e.g. --set train.lr=1e-4; repeatable, applied last.")
    List<String> assignments = new ArrayList<>();

    EffectiveConfig load(List<String> extraAssignments) {
        List<String> all = new ArrayList<>(assignments);
        all.addAll(extraAssignments);
        return ConfigLoader.load(config, overrides, all);
    }

    EffectiveConfig load() {
        return load(List.of());
    }
}
