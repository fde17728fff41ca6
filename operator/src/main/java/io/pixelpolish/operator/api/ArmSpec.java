package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.Map;

/** A named variant of the template; its keys are checked as those of {@link TrainerConfigSpec#set()}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
