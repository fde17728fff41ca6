package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** A key of a ConfigMap in the same namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigMapKeyRef(
        @Required @JsonPropertyDescription("Name of the ConfigMap.")
        String name,

        @Default(ConfigMapKeyRef.DEFAULT_KEY) @JsonPropertyDescription("Key holding the YAML config.")
        String key) {

    public static final String DEFAULT_KEY = "config.yaml";

    public String effectiveKey() {
        return key == null ? DEFAULT_KEY : key;
    }
}
