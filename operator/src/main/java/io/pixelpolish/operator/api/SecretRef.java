package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/** A Secret in the same namespace. */
public record SecretRef(
        @Required @JsonPropertyDescription("Name of the Secret.")
        String name) {}
