package io.pixelpolish.contract.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pixelpolish.contract.sweep.SweepExpansion.Arm;
import io.pixelpolish.contract.sweep.SweepExpansion.Axis;
import io.pixelpolish.contract.sweep.SweepExpansion.PlannedRun;
import io.pixelpolish.contract.sweep.SweepExpansion.Sweep;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepExpansionTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static JsonNode text(String value) {
        return NODES.textNode(value);
    }

    @Test
    void gridIsTheCrossProductWithTheFirstAxisSlowest() {
        Sweep sweep = new Sweep(
                "sweep",
                List.of(
                        new Axis("train.algorithm", List.of(text("ppo"), text("grpo"))),
                        new Axis(
                                "train.lr",
                                List.of(NODES.numberNode(1e-4), NODES.numberNode(3e-4), NODES.numberNode(1e-3)))),
                List.of(),
                1);

        SweepExpansion.Result result = SweepExpansion.expand(sweep);

        assertThat(result.problem()).isEmpty();
        assertThat(result.runs())
                .extracting(PlannedRun::name)
                .containsExactly(
                        "sweep-ppo-1-0e-4-r0",
                        "sweep-ppo-3-0e-4-r0",
                        "sweep-ppo-0-001-r0",
                        "sweep-grpo-1-0e-4-r0",
                        "sweep-grpo-3-0e-4-r0",
                        "sweep-grpo-0-001-r0");
        PlannedRun grpoMid = result.runs().get(4);
        assertThat(grpoMid.parameters()).containsOnlyKeys("train.algorithm", "train.lr");
        assertThat(grpoMid.overrides())
                .containsExactly(
                        Map.entry("train.algorithm", text("grpo")),
                        Map.entry("train.lr", NODES.numberNode(3e-4)),
                        Map.entry(SweepExpansion.SEED_KEY, NODES.numberNode(0L)));
    }

    @Test
    void armsTimesRepeatsGetDistinctSeedsAndTheGridWinsOverTheArm() {
        Sweep sweep = new Sweep(
                "sweep",
                List.of(new Axis("train.lr", List.of(NODES.numberNode(0.5)))),
                List.of(
                        new Arm("scalar", Map.of("reward.mode", text("scalar"), "train.lr", NODES.numberNode(0.1))),
                        new Arm("pixel", Map.of("reward.mode", text("pixel")))),
                2);

        List<PlannedRun> runs = SweepExpansion.expand(sweep).runs();

        assertThat(runs)
                .extracting(PlannedRun::name)
                .containsExactly(
                        "sweep-scalar-0-5-r0", "sweep-scalar-0-5-r1", "sweep-pixel-0-5-r0", "sweep-pixel-0-5-r1");
        assertThat(runs).extracting(PlannedRun::seed).containsExactly(0L, 1L, 0L, 1L);
        assertThat(runs)
                .extracting(PlannedRun::arm)
                .containsExactly("scalar-0-5", "scalar-0-5", "pixel-0-5", "pixel-0-5");
        assertThat(runs.get(1).overrides())
                .containsEntry("train.lr", NODES.numberNode(0.5))
                .containsEntry("seed", NODES.numberNode(1L));
    }

    @Test
    void aSweepOfNothingIsTheTemplateOnce() {
        assertThat(SweepExpansion.expand(new Sweep("solo", List.of(), List.of(), 1))
                        .runs())
                .singleElement()
                .satisfies(run -> {
                    assertThat(run.name()).isEqualTo("solo-r0");
                    assertThat(run.arm()).isEqualTo(SweepExpansion.TEMPLATE_ARM);
                    assertThat(run.overrides()).containsOnlyKeys(SweepExpansion.SEED_KEY);
                });
    }

    @Test
    void valuesThatMakeNoNameFallBackToIndexes() {
        Sweep sweep = new Sweep(
                "sweep",
                List.of(new Axis("reward.weights", List.of(text("{gradient: 1.0, entropy: 0.5}"), text("{}")))),
                List.of(),
                1);

        assertThat(SweepExpansion.expand(sweep).runs())
                .extracting(PlannedRun::name)
                .containsExactly("sweep-g0-r0", "sweep-g1-r0");
    }

    @Test
    void theSameSweepAlwaysMakesTheSameRuns() {
        Sweep sweep = new Sweep(
                "sweep",
                List.of(new Axis("train.lr", List.of(NODES.numberNode(1e-4), NODES.numberNode(1e-3)))),
                List.of(new Arm("a", Map.of()), new Arm("b", Map.of())),
                3);

        assertThat(SweepExpansion.expand(sweep)).isEqualTo(SweepExpansion.expand(sweep));
    }

    @Test
    void tooLongRunNamesAreRefusedWithTheFix() {
        Sweep sweep = new Sweep(
                "a-very-long-ablation-name-that-leaves-no-room-for-arms",
                List.of(),
                List.of(new Arm("scalar", Map.of())),
                2);

        assertThat(SweepExpansion.expand(sweep).problem())
                .hasValueSatisfying(
                        p -> assertThat(p).contains("longer than 63").contains("shorten"));
    }
}
