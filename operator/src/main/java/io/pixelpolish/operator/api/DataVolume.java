package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A PersistentVolumeClaim holding the training images. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = VolumePaths.RELATIVE_RULE, message = VolumePaths.RELATIVE_MESSAGE)
public record DataVolume(
        @Required @JsonPropertyDescription("Name of the PersistentVolumeClaim.")
        String claimName,

        @JsonPropertyDescription("Folder inside the claim that holds the images; empty: the claim's root.")
        String path,

        @Default("true") @JsonPropertyDescription("Mount the claim read-only, so a run cannot change its own data.")
        Boolean readOnly) {

    /** Where the trainer pod mounts the claim. */
    public static final String MOUNT = "/data";

    /** The images' folder as the trainer sees it. */
    public String mountedPath() {
        return VolumePaths.under(MOUNT, VolumePaths.orRoot(path));
    }

    public boolean mountReadOnly() {
        return !Boolean.FALSE.equals(readOnly);
    }
}
