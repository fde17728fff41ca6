package io.pixelpolish.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.ArmSpec;
import io.pixelpolish.operator.api.EarlyStopping;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.RunMetrics;
import io.pixelpolish.operator.api.RunProgress;
import io.pixelpolish.operator.api.SweepParameter;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunStatus;
import java.util.List;
import java.util.Map;

/** Ablations and child runs in given states, for the sweep tests. */
final class SweepFixtures {
    private SweepFixtures() {}

    /** algorithm {ppo, grpo} x lr {1e-4, 3e-4, 1e-3}: six runs. */
    static AblationSpec grid2x3(int parallelism, int maxFailed, EarlyStopping earlyStopping) {
        return new AblationSpec(
                Fixtures.runSpec(),
                List.of(
                        new SweepParameter("train.algorithm", List.of(Fixtures.text("ppo"), Fixtures.text("grpo"))),
                        new SweepParameter(
                                "train.lr",
                                List.of(Fixtures.number(1e-4), Fixtures.number(3e-4), Fixtures.number(1e-3)))),
                null,
                1,
                parallelism,
                maxFailed,
                null,
                earlyStopping,
                false);
    }

    /** Two named arms, two repeats each. */
    static AblationSpec armsWithRepeats() {
        return new AblationSpec(
                Fixtures.runSpec(),
                null,
                List.of(
                        new ArmSpec("scalar", Map.<String, JsonNode>of("reward.mode", Fixtures.text("scalar"))),
                        new ArmSpec("pixel", Map.<String, JsonNode>of("reward.mode", Fixtures.text("pixel")))),
                2,
                4,
                0,
                null,
                null,
                false);
    }

    static Ablation ablation(AblationSpec spec) {
        return Fixtures.ablation("sweep", spec);
    }

    /** The child the operator would create for {@code run}, in the given phase with the given reward. */
    static TrainingRun child(ArmExpansion.PlannedRun run, Phase phase, Double reward, Integer update) {
        TrainingRun child = Fixtures.trainingRun(run.childName(), run.spec());
        child.setStatus(new TrainingRunStatus(
                phase,
                List.of(),
                1L,
                run.childName(),
                null,
                null,
                0,
                update == null ? null : new RunProgress(update, 1000, null, null, null, null, null),
                reward == null ? null : new RunMetrics(reward, Map.of()),
                null,
                null));
        return child;
    }
}
