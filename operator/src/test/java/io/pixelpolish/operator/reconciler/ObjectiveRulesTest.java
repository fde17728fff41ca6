package io.pixelpolish.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.EarlyStopping;
import io.pixelpolish.operator.api.Objective;
import io.pixelpolish.operator.api.Objective.Goal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The objective checks the CRD cannot make, through ArmExpansion as the reconciler meets them. */
class ObjectiveRulesTest {

    @Test
    void aRewardObjectiveAcrossArmsWithDifferentRewardsIsRefusedWithTheFix() {
        assertThat(problem(SweepFixtures.armsWithRepeats(), new Objective("rewards/mean", null, null), null))
                .hasValueSatisfying(p -> assertThat(p)
                        .startsWith("rewards/mean would rank arms whose rewards differ (reward.mode set differently)")
                        .contains("its own yardstick")
                        .contains("val/quality"));
        assertThat(problem(SweepFixtures.grid2x3(1, 0, null), new Objective("rewards/eme", null, null), null))
                .hasValueSatisfying(p -> assertThat(p).contains("(train.algorithm set differently)"));
        assertThat(problem(SweepFixtures.grid2x3(1, 0, null), null, new EarlyStopping(null, "rewards/mean", 100)))
                .as("stopping by the reward compares the same yardsticks as ranking by it")
                .hasValueSatisfying(p -> assertThat(p).startsWith("rewards/mean would rank arms"));
    }

    @Test
    void rewardsOfArmsThatOnlyTrainDifferentlyMayRankThem() {
        assertThat(problem(SweepFixtures.rewardSweep(null), null, null)).isEmpty();
        assertThat(problem(SweepFixtures.rewardSweep(null), new Objective("rewards/gradient", null, null), null))
                .isEmpty();
        assertThat(problem(SweepFixtures.armsWithRepeats(), null, null))
                .as("val/quality, the default with validation")
                .isEmpty();
    }

    @Test
    void aValidationKeyMustNameAMeasureAndAGoalMustAgreeWithIt() {
        assertThat(problem(SweepFixtures.armsWithRepeats(), new Objective("val/lol/sharpness", null, null), null))
                .hasValueSatisfying(p -> assertThat(p)
                        .isEqualTo("objective.metric: val/lol/sharpness names no validation measure; expected one of"
                                + " niqe, brisque, entropy, eme, colorfulness, exposure_error, clipped, psnr, ssim,"
                                + " clipiqa, musiq, quality"));
        assertThat(problem(SweepFixtures.armsWithRepeats(), new Objective("val/niqe_delta", Goal.maximize, null), null))
                .hasValue("objective.goal: val/niqe_delta is better when it is lower; expected minimize or unset, got"
                        + " maximize");
        assertThat(problem(SweepFixtures.armsWithRepeats(), new Objective("val/lol/psnr", Goal.maximize, null), null))
                .isEmpty();
    }

    private static Optional<String> problem(AblationSpec sweep, Objective objective, EarlyStopping earlyStopping) {
        AblationSpec spec = new AblationSpec(
                sweep.template(),
                sweep.parameters(),
                sweep.arms(),
                sweep.repeats(),
                sweep.parallelism(),
                sweep.maxFailedArms(),
                objective,
                earlyStopping,
                sweep.suspend());
        return ArmExpansion.expand(SweepFixtures.ablation(spec)).problem();
    }
}
