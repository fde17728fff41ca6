package io.pixelpolish.operator.tracking;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;

/**
 * The trainer's {@code progress.json}, as agreed with the trainer. Unknown keys are ignored, so a
 * newer trainer can report more without breaking an older operator.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProgressReport(
        Integer update,
        @JsonProperty("total_updates") Integer totalUpdates,
        Double percent,
        @JsonProperty("reward_mean") Double rewardMean,
        Map<String, Double> rewards,
        @JsonProperty("last_checkpoint") String lastCheckpoint,
        @JsonProperty("elapsed_s") Double elapsedSeconds,
        @JsonProperty("eta_s") Double etaSeconds,
        @JsonProperty("images_per_s") Double imagesPerSecond,
        String state,
        @JsonProperty("mlflow_run_id") String mlflowRunId,
        @JsonProperty("mlflow_run_url") String mlflowRunUrl,
        String time) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Empty for a blank or unreadable report: progress is informational and never fails a run. */
    public static Optional<ProgressReport> parse(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(json, ProgressReport.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
