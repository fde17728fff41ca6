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

    @Test
    void validationKeysNameSetsAndMeasuresAndKeepTheirMeasuresGoal() {
        String set = Metric.validationSetLabel("lowlight/LOL_eval15/");
        assertThat(set).isEqualTo("lol_eval15");
        assertThat(Metric.validation(set, Metric.delta("niqe"))).isEqualTo("val/lol_eval15/niqe_delta");
        assertThat(Metric.validationMeasureOf("val/lol_eval15/niqe_delta")).contains(ValidationMeasure.NIQE);
        assertThat(Metric.validationMeasureOf(Metric.validation("psnr"))).contains(ValidationMeasure.PSNR);
        assertThat(Metric.validationMeasureOf("val/sharpness")).isEmpty();
        assertThat(Metric.validationMeasureOf("rewards/niqe")).isEmpty();
        assertThat(Metric.validationMeasureOf("val/a/b/niqe")).isEmpty();
        assertThat(Metric.validationSetLabel(".hidden")).isEqualTo("set_hidden");
    }

    @Test
    void everyMeasureNameFitsTheKeyPatternAndGoalsCompareAsNamed() {
        assertThat(ValidationMeasure.values())
                .allSatisfy(m -> assertThat(Metric.validationMeasureOf(Metric.validation(m.measureName())))
                        .contains(m));
        assertThat(ValidationMeasure.NIQE.goal().better(3.0, 4.0)).isTrue();
        assertThat(ValidationMeasure.PSNR.goal().better(3.0, 4.0)).isFalse();
        assertThat(ValidationMeasure.PSNR.goal().better(Double.NaN, 4.0)).isFalse();
        assertThat(ValidationMeasure.PSNR.goal().better(1.0, Double.NaN)).isTrue();
    }
}
