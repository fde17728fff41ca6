package io.pixelpolish.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/**
 * The trainer's {@code progress.json}: written by the trainer into its progress ConfigMap under
 * {@link #CONFIGMAP_KEY}, read by the operator into the TrainingRun's status. One record on both
 * sides, so a field the trainer reports cannot be dropped by the operator unnoticed. Unknown keys
 * are ignored when reading, so a newer trainer can report more without breaking an older operator;
 * absent values are left out when writing.
 *
 * @param rewards each reward term's mean, by term name (the {@code rewards/<term>} metrics)
 * @param rewardHacking whether the reward-hacking watch fired at this update
 * @param rewardHackingReason what the watch saw, when it fired: the terms, the measures and the window
 * @param validation the latest validation, by metric key ({@code val/niqe}, {@code val/lol/psnr}, ...)
 * @param validationUpdate the update {@link #validation} was taken at
 * @param validationBest each validation key's best value so far in the run, by its measure's goal
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgressReport(
        Integer update,
        @JsonProperty("total_updates") Integer totalUpdates,
        Double percent,
        @JsonProperty("reward_mean") Double rewardMean,
        Map<String, Double> rewards,
        @JsonProperty("greedy_reward") Double greedyReward,
        @JsonProperty("reward_hacking") Boolean rewardHacking,
        @JsonProperty("reward_hacking_reason") String rewardHackingReason,
        Map<String, Double> validation,
        @JsonProperty("validation_update") Integer validationUpdate,
        @JsonProperty("validation_best") Map<String, Double> validationBest,
        @JsonProperty("last_checkpoint") String lastCheckpoint,
        @JsonProperty("elapsed_s") Double elapsedSeconds,
        @JsonProperty("eta_s") Double etaSeconds,
        @JsonProperty("images_per_s") Double imagesPerSecond,
        String state,
        String message,
        @JsonProperty(MLFLOW_RUN_ID) String mlflowRunId,
        @JsonProperty(MLFLOW_RUN_URL) String mlflowRunUrl,
        String time) {

    public static final String CONFIGMAP_KEY = "progress.json";
    public static final String MLFLOW_RUN_ID = "mlflow_run_id";
    public static final String MLFLOW_RUN_URL = "mlflow_run_url";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Empty for a blank, unreadable or oversized report: progress is informational and never fails
     * a run. What {@link ProgressReading} would drop is dropped; it says why.
     */
    public static Optional<ProgressReport> parse(String json) {
        return ProgressReading.read(json, null).report();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
