package io.pixelpolish.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.contract.RewardTermId;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.contract.metrics.ValidationMeasure;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An objective names metrics as the trainer does: the schema's constants must follow the contract's registry. */
class RunMetricsTest {
    @Test
    void theSchemaSpellsTheRegistrysNames() {
        assertThat(RunMetrics.REWARD_MEAN).isEqualTo(Metric.REWARD_MEAN.key());
        assertThat(Metric.REWARD_MEAN.key()).matches(RunMetrics.METRIC_PATTERN);
        for (RewardTermId term : RewardTermId.values()) {
            assertThat(Metric.rewardTerm(term.termName())).matches(RunMetrics.METRIC_PATTERN);
        }
    }

    @Test
    void theSchemaAcceptsEveryValidationKeyTheTrainerWritesAndNothingElse() {
        String set = Metric.validationSetLabel("lowlight/LOL_eval15");
        for (ValidationMeasure measure : ValidationMeasure.values()) {
            String name = measure.measureName();
            for (String key : new String[] {
                Metric.validation(name),
                Metric.validation(Metric.delta(name)),
                Metric.validation(set, name),
                Metric.validation(set, Metric.delta(name))
            }) {
                assertThat(key).matches(RunMetrics.METRIC_PATTERN).matches(Metric.VALIDATION_KEY_PATTERN);
                assertThat(Objective.isValidationKey(key)).isTrue();
            }
        }
        assertThat(RunMetrics.METRIC_PATTERN).contains(Metric.VALIDATION_KEY_PATTERN);
        for (String other :
                new String[] {"val/", "eval/greedy_reward", "losses/policy", "reward_mean", "val/a/b/niqe"}) {
            assertThat(other).doesNotMatch(RunMetrics.METRIC_PATTERN);
        }
    }

    @Test
    void checkpointBestTakesTheKeysTheTrainerAccepts() {
        assertThat(Metric.GREEDY_REWARD.key()).matches(TrainingRunSpec.CHECKPOINT_BEST_PATTERN);
        assertThat(Metric.validation("quality")).matches(TrainingRunSpec.CHECKPOINT_BEST_PATTERN);
        assertThat("rewards/mean").doesNotMatch(TrainingRunSpec.CHECKPOINT_BEST_PATTERN);
    }

    @Test
    void readsTheMeanAndEachTerm() {
        RunMetrics metrics = new RunMetrics(0.5, Map.of("eme", 0.25), null, null);
        assertThat(metrics.value("rewards/mean")).hasValue(0.5);
        assertThat(metrics.value("rewards/eme")).hasValue(0.25);
        assertThat(metrics.value("rewards/gradient")).isEmpty();
        assertThat(metrics.value("reward_mean")).as("the old name is gone").isEmpty();
    }

    @Test
    void aStatusReadsValidationKeysFromItsValidationLatestOrBestAndRewardsFromItsMetrics() {
        TrainingRunStatus status = new TrainingRunStatus(
                Phase.Running,
                null,
                1L,
                null,
                null,
                null,
                null,
                null,
                new RunMetrics(0.5, Map.of(), null, null),
                new RunValidation(50, Map.of("val/niqe", 4.5), Map.of("val/niqe", 4.0)),
                null,
                null);
        assertThat(status.metric("val/niqe", Objective.Aggregation.last)).hasValue(4.5);
        assertThat(status.metric("val/niqe", Objective.Aggregation.best)).hasValue(4.0);
        assertThat(status.metric("val/brisque", Objective.Aggregation.last)).isEmpty();
        assertThat(status.metric("rewards/mean", Objective.Aggregation.best))
                .as("a reward has only its latest value")
                .hasValue(0.5);
    }
}
