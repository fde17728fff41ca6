package io.pixelpolish.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One YAML mapping that takes part in a config merge, with a name for error messages: a file, a
 * built-in config shipped in the jar, or a map handed over by a caller (the operator).
 */
public record ConfigLayer(String source, ObjectNode tree) {

    /** Configs shipped inside the jar, by name; {@code base} is the root every other one overrides. */
    public static final List<String> BUILTIN =
            List.of("base", "local_dev", "release", "ablation/ppo_pixel", "ablation/grpo");

    private static final String BUILTIN_ROOT = "/io/pixelpolish/configs/";

    public static ConfigLayer builtin(String name) {
        if (!BUILTIN.contains(name)) {
            throw new ConfigException(
                    name,
                    "unknown built-in config '" + name + "' (built-in configs: " + String.join(", ", BUILTIN) + ")");
        }
        String resource = BUILTIN_ROOT + name + ".yaml";
        try (InputStream in = ConfigLayer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in config " + resource + " is missing from the jar");
            }
            return parse("built-in " + name, new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("built-in " + name, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * A config named on the command line: an existing file, else a built-in config by name (also in
     * its repository form {@code configs/<name>.yaml}, so the README commands work from any folder).
     */
    public static ConfigLayer resolve(String fileOrName) {
        Path path = Path.of(fileOrName);
        if (Files.isRegularFile(path)) {
            return file(path);
        }
        String name = fileOrName.replaceFirst("^(\\./)?configs/", "").replaceFirst("\\.ya?ml$", "");
        if (BUILTIN.contains(name)) {
            return builtin(name);
        }
        throw new ConfigException(
                fileOrName,
                "file not found, and not the name of a built-in config (" + String.join(", ", BUILTIN) + ")");
    }

    public static ConfigLayer file(Path path) {
        try {
            return parse(path.toString(), Files.readString(path));
        } catch (IOException e) {
            throw new ConfigException(path.toString(), "cannot be read: " + e.getMessage());
        }
    }

    public static ConfigLayer parse(String source, String yaml) {
        JsonNode node;
        try {
            node = ConfigLoader.YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() != null && e.getLocation().getLineNr() > 0
                    ? " (line " + e.getLocation().getLineNr() + ")"
                    : "";
            throw new ConfigException(source, "not valid YAML: " + e.getOriginalMessage() + where);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return new ConfigLayer(source, ConfigLoader.YAML.createObjectNode());
        }
        if (!node.isObject()) {
            throw new ConfigException(
                    source,
                    "expected a YAML mapping at the top level, got "
                            + node.getNodeType().name().toLowerCase());
        }
        return new ConfigLayer(source, (ObjectNode) node);
    }

    public static ConfigLayer of(String source, Map<String, ?> values) {
        return new ConfigLayer(source, ConfigLoader.YAML.valueToTree(values));
    }
}
