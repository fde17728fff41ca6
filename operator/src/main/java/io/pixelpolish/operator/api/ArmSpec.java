package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.Map;

/** A named variant of the template. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.set) || self.set.all(k, k.matches('" + ConfigKeys.DOTTED_KEY + "'))",
        message = "set: expected dotted config keys such as train.algorithm")
public record ArmSpec(
        @Required
                @Size(max = 24)
                @Pattern(ArmSpec.NAME_PATTERN)
                @JsonPropertyDescription("Name of the arm; part of the child TrainingRun names.")
                String name,
        @JsonPropertyDescription("Config keys this arm sets, by dotted path, e.g. train.algorithm: grpo.")
                Map<String, JsonNode> set) {

    public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    public Map<String, JsonNode> setKeys() {
        return set == null ? Map.of() : set;
    }
}
