package io.pixelpolish.config;

import io.pixelpolish.contract.InvalidInputException;
import java.util.List;

/** A config that cannot be used; each problem names the source and key path and what was expected. */
public final class ConfigException extends InvalidInputException {
    private final List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super("invalid configuration (" + source + "):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String source, String problem) {
        this(source, List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
