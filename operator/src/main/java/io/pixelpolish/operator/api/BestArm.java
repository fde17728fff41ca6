package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/** The winning arm of a sweep so far. */
public record BestArm(
        @JsonPropertyDescription("Arm name.") String name,

        @JsonPropertyDescription("Mean objective value over the arm's succeeded runs.")
        double objectiveValue,

        @JsonPropertyDescription("The succeeded TrainingRuns the mean is taken over.")
        List<String> trainingRuns) {}
