package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A PersistentVolumeClaim receiving run folders and checkpoints. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = VolumePaths.RELATIVE_RULE, message = VolumePaths.RELATIVE_MESSAGE)
public record OutputVolume(
        @Required @JsonPropertyDescription("Name of the PersistentVolumeClaim.")
        String claimName,

        @JsonPropertyDescription("Folder inside the claim for run folders; empty: the claim's root.")
        String path) {

    /** Where the trainer pod mounts the claim. */
    public static final String MOUNT = "/output";

    /** The run folders' folder as the trainer sees it. */
    public String mountedPath() {
        return VolumePaths.under(MOUNT, VolumePaths.orRoot(path));
    }
}
