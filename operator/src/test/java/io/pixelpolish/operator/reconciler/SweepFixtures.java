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
import io.pixelpolish.operator.api.RunValidation;
import io.pixelpolish.operator.api.SweepParameter;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunStatus;
import java.util.List;
import java.util.Map;

/** Ablations and child runs in given states, for the sweep tests. */
final class SweepFixtures {
    static final String QUALITY = "val/quality";

    private SweepFixtures() {}

    /**
     * algorithm {ppo, grpo} x lr {1e-4, 3e-4, 1e-3}: six runs, ranked by validation (the algorithms'
     * rewards are not comparable).
     */
    static AblationSpec grid2x3(int parallelism, int maxFailed, EarlyStopping earlyStopping) {
        return new AblationSpec(
                Fixtures.validatedRunSpec(),
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

    /** Two named arms with different reward modes, two repeats each, ranked by validation. */
    static AblationSpec armsWithRepeats() {
        return new AblationSpec(
                Fixtures.validatedRunSpec(),
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

    /**
     * Learning rates only, on a template without validation: the rewards of the runs are comparable,
     * so the default objective rewards/mean ranks them.
     */
    static AblationSpec rewardSweep(EarlyStopping earlyStopping) {
        return new AblationSpec(
                Fixtures.runSpec(),
                List.of(new SweepParameter(
                        "train.lr",
                        List.of(
                                Fixtures.number(1e-4),
                                Fixtures.number(3e-4),
                                Fixtures.number(1e-3),
                                Fixtures.number(3e-3)))),
                null,
                1,
                4,
                0,
                null,
                earlyStopping,
                false);
    }

    static Ablation ablation(AblationSpec spec) {
        return Fixtures.ablation("sweep", spec);
    }

    /**
     * The child the operator would create for {@code run}, in the given phase, its latest validation
     * taken at {@code update} with val/quality {@code quality} (also its best so far).
     */
    static TrainingRun child(ArmExpansion.PlannedRun run, Phase phase, Double quality, Integer update) {
        return quality == null
                ? child(run, phase, null, update, null)
                : validatedChild(run, phase, update, Map.of(QUALITY, quality), Map.of(QUALITY, quality));
    }

    /** The child of {@code run} at {@code update}, its latest validation taken then with {@code measures}, best as given. */
    static TrainingRun validatedChild(
            ArmExpansion.PlannedRun run,
            Phase phase,
            int update,
            Map<String, Double> measures,
            Map<String, Double> best) {
        return child(run, phase, null, update, new RunValidation(update, measures, best));
    }

    /** The child of {@code run} at {@code update} with the given mean reward and no validation. */
    static TrainingRun rewardedChild(ArmExpansion.PlannedRun run, Phase phase, double reward, int update) {
        return child(run, phase, reward, update, null);
    }

    private static TrainingRun child(
            ArmExpansion.PlannedRun run, Phase phase, Double reward, Integer update, RunValidation validation) {
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
                reward == null ? null : new RunMetrics(reward, Map.of(), null, null),
                validation,
                null,
                null));
        return child;
    }
}
