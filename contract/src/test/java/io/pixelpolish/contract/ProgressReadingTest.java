package io.pixelpolish.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressReadingTest {

    @Test
    void anHonestReportIsTakenAsItIs() {
        String json = "{\"update\":120,\"total_updates\":2000,\"percent\":6.0,\"reward_mean\":0.12,"
                + "\"rewards\":{\"gradient\":0.08},\"validation\":{\"val/quality\":0.2,\"val/lol/psnr\":18.1},"
                + "\"validation_update\":100,\"validation_best\":{\"val/quality\":0.25},"
                + "\"last_checkpoint\":\"checkpoints/update-000100.ckpt\",\"eta_s\":1900.0,\"state\":\"finished\","
                + "\"mlflow_run_id\":\"0a1b2c\",\"mlflow_run_url\":\"http://mlflow:5000/#/experiments/1/runs/0a1b2c\","
                + "\"time\":\"2026-11-25T12:00:00Z\",\"future_key\":[1,2]}";

        ProgressReading reading = ProgressReading.read(json, 2000);

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.report()).hasValue(ProgressReport.parse(json).orElseThrow());
        assertThat(reading.report().orElseThrow().validation()).containsEntry("val/lol/psnr", 18.1);
    }

    @Test
    void nonFiniteNumbersAreDroppedAndTheRestKept() {
        // 1e999 is no JSON error: Jackson reads it as Infinity, which the API server refuses in a status.
        ProgressReading reading = ProgressReading.read(
                "{\"update\":10,\"reward_mean\":1e999,\"greedy_reward\":\"NaN\",\"eta_s\":-1e999,"
                        + "\"rewards\":{\"gradient\":\"Infinity\",\"eme\":0.5},"
                        + "\"validation\":{\"val/quality\":1e999,\"val/niqe\":4.2},\"validation_update\":10}",
                null);

        ProgressReport report = reading.report().orElseThrow();
        assertThat(report.update()).isEqualTo(10);
        assertThat(report.rewardMean()).isNull();
        assertThat(report.greedyReward()).isNull();
        assertThat(report.etaSeconds()).isNull();
        assertThat(report.rewards()).containsExactly(Map.entry("eme", 0.5));
        assertThat(report.validation()).containsExactly(Map.entry("val/niqe", 4.2));
        assertThat(reading.problems())
                .containsExactly(
                        "validation[val/quality] Infinity is not finite: dropped",
                        "reward_mean Infinity is not finite: dropped",
                        "rewards[gradient] Infinity is not finite: dropped",
                        "greedy_reward NaN is not finite: dropped",
                        "eta_s -Infinity is not finite: dropped");
        assertThat(report.toJson()).doesNotContain("Infinity").doesNotContain("NaN");
    }

    @Test
    void updatesBeyondTheConfigsTotalAndBogusNamesCannotReachOtherRuns() {
        ProgressReading reading = ProgressReading.read(
                "{\"update\":999999,\"total_updates\":999999,\"validation\":{\"val/quality\":0.9},"
                        + "\"validation_update\":999999,\"rewards\":{\"../../etc\":1.0,\"Gradient\":2.0},"
                        + "\"validation_best\":{\"quality\":0.99,\"val/quality\":0.5}}",
                60);

        ProgressReport report = reading.report().orElseThrow();
        assertThat(report.totalUpdates()).as("the config's").isEqualTo(60);
        assertThat(report.update()).isNull();
        assertThat(report.validationUpdate()).isNull();
        assertThat(report.validation()).as("not placeable at any update").isNull();
        assertThat(report.rewards()).isNull();
        assertThat(report.validationBest()).containsExactly(Map.entry("val/quality", 0.5));
        assertThat(reading.problems())
                .contains(
                        "total_updates 999999 is not the config's 60: replaced",
                        "update 999999 is outside 0..60: dropped",
                        "rewards: '../../etc' is not a metric name: dropped")
                .endsWith("and 2 more");
    }

    @Test
    void aValidationAfterTheReportedUpdateIsDropped() {
        ProgressReading reading = ProgressReading.read(
                "{\"update\":20,\"validation\":{\"val/quality\":0.9},\"validation_update\":50}", 60);

        assertThat(reading.report().orElseThrow().validation()).isNull();
        assertThat(reading.problems()).first().asString().isEqualTo("validation_update 50 is after update 20: dropped");
    }

    @Test
    void aHugeReportIsRefusedWholeWithoutBeingParsed() {
        String huge = "{\"message\":\"" + "x".repeat(ProgressReading.MAX_BYTES) + "\"}";

        ProgressReading reading = ProgressReading.read(huge, 60);

        assertThat(reading.refused()).isTrue();
        assertThat(reading.problems())
                .containsExactly("progress.json refused: " + (ProgressReading.MAX_BYTES + 14)
                        + " bytes, over the limit of " + ProgressReading.MAX_BYTES);
    }

    @Test
    void wrongShapesAndTrailingGarbageAreRefusedWhole() {
        for (String bad : new String[] {
            "{\"update\":\"many\"}", "{\"rewards\":[1,2]}", "{\"update\":1} {\"update\":2}", "[]", "{not json"
        }) {
            ProgressReading reading = ProgressReading.read(bad, 60);
            assertThat(reading.refused()).as(bad).isTrue();
            assertThat(reading.problems()).as(bad).singleElement().asString().startsWith("progress.json refused: ");
        }
        assertThat(ProgressReading.read(" ", 60)).isEqualTo(ProgressReading.NONE);
    }

    @Test
    void textIsCutAndLinksMustBeWhatTheyClaim() {
        ProgressReading reading = ProgressReading.read(
                "{\"message\":\"" + "m".repeat(5000) + "\",\"last_checkpoint\":\"/etc/passwd\","
                        + "\"mlflow_run_url\":\"javascript:alert(1)\",\"mlflow_run_id\":\"a b\",\"time\":\"yesterday\"}",
                null);

        ProgressReport report = reading.report().orElseThrow();
        assertThat(report.message()).hasSize(ProgressReading.MAX_TEXT);
        assertThat(report.lastCheckpoint()).isNull();
        assertThat(report.mlflowRunUrl()).isNull();
        assertThat(report.mlflowRunId()).isNull();
        assertThat(report.time()).isNull();
        assertThat(reading.problems()).hasSize(5);
    }
}
