package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** One axis of the grid: a config key and the values it takes. */
public record SweepParameter(
        // The bound lets the API server afford the CEL rule that compares every path with every other.
        @Required
        @Size(max = 128)
        @Pattern(ConfigKeys.DOTTED_KEY)
        @JsonPropertyDescription("Dotted config key, e.g. train.lr or reward.mode.")
        String path,

        @Required @Size(min = 1, max = 32) @JsonPropertyDescription("Values of the key, any YAML value each.")
        List<JsonNode> values) {}
