package io.pixelpolish.contract.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetricTest {
    @Test
    void everyNameIsGroupedAndUnique() {
        assertThat(Metric.values()).allSatisfy(m -> assertThat(m.key()).matches("[a-z]+/[a-z_]+"));
        assertThat(Arrays.stream(Metric.values()).map(Metric::key).distinct()).hasSize(Metric.values().length);
    }

    @Test
    void termMetricsShareTheirGroupsAndAreTellApartFromTheMean() {
        assertThat(Metric.rewardTerm("gradient")).isEqualTo("rewards/gradient");
        assertThat(Metric.greedyTerm("gradient")).isEqualTo("eval/greedy_gradient");
        assertThat(Metric.rewardTermOf("rewards/gradient")).contains("gradient");
        assertThat(Metric.rewardTermOf(Metric.REWARD_MEAN.key())).isEmpty();
        assertThat(Metric.rewardTermOf("losses/policy")).isEmpty();
        assertThat(Metric.byKey("losses/approx_kl")).contains(Metric.APPROX_KL);
    }
}
