package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where training stands, as the trainer last reported it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunProgress(
        @JsonPropertyDescription("Updates done.") Integer update,

        @JsonPropertyDescription("Updates the run will do (train.total_updates).")
        Integer totalUpdates,

        @JsonPropertyDescription("Percent of the updates done.")
        Double percent,

        @JsonPropertyDescription("Seconds of training so far.")
        Double elapsedSeconds,

        @JsonPropertyDescription("Estimated seconds until the last update.")
        Double etaSeconds,

        @JsonPropertyDescription("Training images processed per second.")
        Double imagesPerSecond,

        @JsonPropertyDescription("When the trainer wrote this report (RFC 3339).")
        String reportedAt) {}
