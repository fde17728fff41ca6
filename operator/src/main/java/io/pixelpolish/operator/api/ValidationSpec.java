package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * Where the validation sets are and how they are scored: the trainer's {@code validation} config
 * section, with its data root given as a volume. The measure names are checked by the trainer's own
 * config validation when the run starts (InvalidConfig), as every other config key is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = VolumePaths.RELATIVE_RULE, message = VolumePaths.RELATIVE_MESSAGE)
// Without either, the validation root would be the whole data claim, training images included.
@ValidationRule(
        value = "has(self.claimName) || has(self.path)",
        message = "expected claimName, path or both: the validation sets must not be the whole data claim")
public record ValidationSpec(
        @JsonPropertyDescription("PersistentVolumeClaim with the validation sets, mounted read-only at /validation."
                + " Unset: the sets are on the data claim (spec.data.claimName).")
        String claimName,

        @JsonPropertyDescription("Folder inside the claim that holds the validation sets (validation.data_root),"
                + " relative to the claim's root; empty: the claim's root.")
        String path,

        @Size(max = 16)
        @JsonPropertyDescription(
                "Folders under path to score, each one set (validation.sets); unset: every folder" + " holding images.")
        List<String> sets,

        @Min(1) @JsonPropertyDescription("Validate every this many updates, and at the last (validation.every).")
        Integer every,

        @Min(1) @JsonPropertyDescription("Images scored per set (validation.max_images).")
        Integer maxImages,

        @Min(0)
        @JsonPropertyDescription(
                "Longer side images are downscaled to before scoring, 0 for full size" + " (validation.max_side).")
        Integer maxSide,

        @Size(max = 16)
        @JsonPropertyDescription("Measures to take, e.g. niqe, brisque, psnr, quality (validation.measures); unset:"
                + " every measure that applies.")
        List<String> measures) {

    /** Where the trainer pod mounts a claim of the validation sets' own. */
    public static final String MOUNT = "/validation";

    /** Whether the sets are on a claim of their own rather than on the data claim. */
    public boolean ownVolume() {
        return claimName != null;
    }

    /** The sets' folder as the trainer sees it (validation.data_root). */
    public String mountedPath() {
        return VolumePaths.under(ownVolume() ? MOUNT : DataVolume.MOUNT, VolumePaths.orRoot(path));
    }
}
