package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The layers of a trainer config, merged in order: base, each override map, then the {@code set}
 * keys in sorted order (so {@code train} comes before {@code train.lr}). The operator checks the
 * keys when the run starts (an unknown one fails it with InvalidConfig): the API server cannot, as
 * CEL sees no map whose values have no schema type.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainerConfigSpec(
        @JsonPropertyDescription("The config the overrides apply to. Unset: the built-in config 'base'.")
        BaseConfig base,

        @JsonPropertyDescription("YAML mappings deep-merged over the base in order (mappings merge, lists and scalars"
                + " replace), in the layout of the trainer's configs/base.yaml.")
        List<ObjectNode> overrides,

        @JsonPropertyDescription(
                "Single config keys by dotted path, e.g. train.lr: 1.0e-4; applied after the overrides.")
        Map<String, JsonNode> set) {

    public static final TrainerConfigSpec BUILTIN_BASE = new TrainerConfigSpec(null, null, null);

    public BaseConfig effectiveBase() {
        return base == null ? BaseConfig.BUILTIN_BASE : base;
    }

    public List<ObjectNode> overrideMaps() {
        return overrides == null ? List.of() : overrides;
    }

    public Map<String, JsonNode> setKeys() {
        return set == null ? Map.of() : set;
    }
}
