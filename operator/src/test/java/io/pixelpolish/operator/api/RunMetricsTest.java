package io.pixelpolish.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.contract.RewardTermId;
import io.pixelpolish.contract.metrics.Metric;
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
    void readsTheMeanAndEachTerm() {
        RunMetrics metrics = new RunMetrics(0.5, Map.of("eme", 0.25));
        assertThat(metrics.value("rewards/mean")).hasValue(0.5);
        assertThat(metrics.value("rewards/eme")).hasValue(0.25);
        assertThat(metrics.value("rewards/gradient")).isEmpty();
        assertThat(metrics.value("reward_mean")).as("the old name is gone").isEmpty();
    }
}
