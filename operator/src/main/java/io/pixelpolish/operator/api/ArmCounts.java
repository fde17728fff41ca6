package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** TrainingRuns of a sweep by state; pending includes runs not created yet and suspended ones. */
public record ArmCounts(
        @JsonPropertyDescription("All TrainingRuns of the sweep.")
        int total,

        @JsonPropertyDescription("Not started yet, waiting, or suspended.")
        int pending,

        @JsonPropertyDescription("Training.") int running,
        @JsonPropertyDescription("Finished successfully.") int succeeded,
        @JsonPropertyDescription("Failed.") int failed,

        @JsonPropertyDescription("Stopped early, or stopped because the failure budget was spent.")
        int stopped) {

    public int done() {
        return succeeded + failed + stopped;
    }
}
