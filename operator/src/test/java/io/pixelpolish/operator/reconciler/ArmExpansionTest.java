package io.pixelpolish.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.SweepParameter;
import io.pixelpolish.operator.reconciler.ArmExpansion.PlannedRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArmExpansionTest {

    @Test
    void grid2x3ExpandsToSixRunsWithTheirValuesInConfigSet() {
        ArmExpansion.Result result = ArmExpansion.expand(SweepFixtures.ablation(SweepFixtures.grid2x3(2, 0, null)));

        assertThat(result.problem()).isEmpty();
        List<PlannedRun> runs = result.runs();
        assertThat(runs)
                .extracting(PlannedRun::childName)
                .containsExactly(
                        "sweep-ppo-1-0e-4-r0",
                        "sweep-ppo-3-0e-4-r0",
                        "sweep-ppo-0-001-r0",
                        "sweep-grpo-1-0e-4-r0",
                        "sweep-grpo-3-0e-4-r0",
                        "sweep-grpo-0-001-r0");
        PlannedRun grpoMid = runs.get(4);
        assertThat(grpoMid.spec().config().set())
                .containsEntry("train.algorithm", Fixtures.text("grpo"))
                .containsEntry("train.lr", Fixtures.number(3e-4))
                .containsEntry("seed", JsonNodeFactory.instance.numberNode(0L));
        assertThat(grpoMid.spec().config().base())
                .isEqualTo(Fixtures.runSpec().config().base());
        assertThat(grpoMid.spec().suspended()).isFalse();
        assertThat(grpoMid.parameters().keySet())
                .as("the status rows show them in this order")
                .containsExactly("train.algorithm", "train.lr");
    }

    @Test
    void namedArmsTimesRepeatsGetDistinctSeeds() {
        List<PlannedRun> runs = ArmExpansion.expand(SweepFixtures.ablation(SweepFixtures.armsWithRepeats()))
                .runs();

        assertThat(runs)
                .extracting(PlannedRun::childName)
                .containsExactly("sweep-scalar-r0", "sweep-scalar-r1", "sweep-pixel-r0", "sweep-pixel-r1");
        assertThat(runs).extracting(PlannedRun::seed).containsExactly(0L, 1L, 0L, 1L);
        assertThat(runs).extracting(PlannedRun::arm).containsExactly("scalar", "scalar", "pixel", "pixel");
        assertThat(runs.get(3).spec().config().set())
                .containsEntry("reward.mode", Fixtures.text("pixel"))
                .containsEntry("seed", JsonNodeFactory.instance.numberNode(1L));
    }

    @Test
    void valuesThatMakeNoNameFallBackToIndexes() {
        AblationSpec spec = new AblationSpec(
                Fixtures.runSpec(),
                List.of(new SweepParameter(
                        "reward.weights",
                        List.of(
                                Fixtures.text(
                                        "{gradient: 1.0, entropy: 0.5, eme: 0.5, clipiqa: 0.0, musiq: 0.0, niqe: 0.0, brisque: 0.0}"),
                                Fixtures.text("{}")))),
                null,
                1,
                1,
                0,
                null,
                null,
                false);

        assertThat(ArmExpansion.expand(SweepFixtures.ablation(spec)).runs())
                .extracting(PlannedRun::childName)
                .containsExactly("sweep-g0-r0", "sweep-g1-r0");
    }

    @Test
    void tooLongChildNamesAreRefusedWithTheFix() {
        var ablation = Fixtures.ablation(
                "a-very-long-ablation-name-that-leaves-no-room-for-arms", SweepFixtures.armsWithRepeats());

        assertThat(ArmExpansion.expand(ablation).problem())
                .hasValueSatisfying(
                        p -> assertThat(p).contains("longer than 63").contains("shorten"));
    }
}
