package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/** Where the base config comes from: a config built into the trainer, or a user's ConfigMap. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!(has(self.builtin) && has(self.configMapRef))",
        message = "expected either builtin or configMapRef, not both")
public record BaseConfig(
        @JsonPropertyDescription(
                "A config built into the trainer. Every one but 'base' is an overlay applied on top of" + " 'base'.")
        BuiltinConfig builtin,

        @JsonPropertyDescription("A ConfigMap in the run's namespace holding a complete YAML config.")
        ConfigMapKeyRef configMapRef) {

    public static final BaseConfig BUILTIN_BASE = new BaseConfig(BuiltinConfig.BASE, null);
}
