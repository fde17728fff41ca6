package io.pixelpolish.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.ArmPhase;
import io.pixelpolish.operator.api.ArmStatus;
import io.pixelpolish.operator.api.EarlyStopping;
import io.pixelpolish.operator.api.Objective;
import io.pixelpolish.operator.api.Objective.Aggregation;
import io.pixelpolish.operator.api.Objective.Goal;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.reconciler.ArmExpansion.PlannedRun;
import io.pixelpolish.operator.status.Conditions;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import io.pixelpolish.operator.status.StatusRecorder;
import io.pixelpolish.operator.status.TrainingRunStatuses;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SweepPlannerTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void startsNoMoreThanParallelismRuns() {
        Ablation ablation = SweepFixtures.ablation(SweepFixtures.grid2x3(2, 0, null));
        List<PlannedRun> runs = ArmExpansion.expand(ablation).runs();

        SweepPlanner.Plan first = SweepPlanner.plan(ablation, runs, Map.of(), NOW);
        assertThat(first.create())
                .extracting(PlannedRun::childName)
                .containsExactly(runs.get(0).childName(), runs.get(1).childName());
        assertThat(first.status().phase()).isEqualTo(Phase.Pending);
        assertThat(first.status().progress()).isEqualTo("0/6");

        Map<String, TrainingRun> children = children(
                SweepFixtures.child(runs.get(0), Phase.Running, null, null),
                SweepFixtures.child(runs.get(1), Phase.Succeeded, 0.3, 1000));
        SweepPlanner.Plan second = SweepPlanner.plan(ablation, runs, children, NOW);
        assertThat(second.create())
                .extracting(PlannedRun::childName)
                .containsExactly(runs.get(2).childName());
        assertThat(second.status().phase()).isEqualTo(Phase.Running);
        assertThat(second.status().counts()).isEqualTo(new io.pixelpolish.operator.api.ArmCounts(6, 4, 1, 1, 0, 0));
    }

    @Test
    void failureBudgetStopsTheRestAndFailsTheSweep() {
        Ablation ablation = SweepFixtures.ablation(SweepFixtures.grid2x3(3, 1, null));
        List<PlannedRun> runs = ArmExpansion.expand(ablation).runs();

        SweepPlanner.Plan withinBudget = SweepPlanner.plan(
                ablation,
                runs,
                children(
                        SweepFixtures.child(runs.get(0), Phase.Failed, null, null),
                        SweepFixtures.child(runs.get(1), Phase.Running, null, null),
                        SweepFixtures.child(runs.get(2), Phase.Running, null, null)),
                NOW);
        assertThat(withinBudget.stop()).isEmpty();
        assertThat(withinBudget.create())
                .extracting(PlannedRun::childName)
                .containsExactly(runs.get(3).childName());

        SweepPlanner.Plan overBudget = SweepPlanner.plan(
                ablation,
                runs,
                children(
                        SweepFixtures.child(runs.get(0), Phase.Failed, null, null),
                        SweepFixtures.child(runs.get(1), Phase.Failed, null, null),
                        SweepFixtures.child(runs.get(2), Phase.Running, null, null)),
                NOW);
        assertThat(overBudget.create()).isEmpty();
        assertThat(overBudget.stop()).containsOnlyKeys(runs.get(2).childName());
        assertThat(overBudget.stop().get(runs.get(2).childName()).reason()).isEqualTo(Reason.FailureBudgetExceeded);
        assertThat(overBudget.status().phase()).isEqualTo(Phase.Failed);
        assertThat(StatusRecorder.phaseCondition(overBudget.status())
                        .orElseThrow()
                        .getReason())
                .isEqualTo(Reason.FailureBudgetExceeded.name());
    }

    @Test
    void medianRuleStopsARunningArmBelowTheOthersAtTheSameMark() {
        Ablation ablation = SweepFixtures.ablation(SweepFixtures.grid2x3(6, 0, new EarlyStopping(null, null, 100)));
        List<PlannedRun> runs = ArmExpansion.expand(ablation).runs();
        Map<String, TrainingRun> children = children(
                SweepFixtures.child(runs.get(0), Phase.Running, 0.50, 100),
                SweepFixtures.child(runs.get(1), Phase.Running, 0.40, 100),
                SweepFixtures.child(runs.get(2), Phase.Running, 0.10, 100),
                SweepFixtures.child(runs.get(3), Phase.Running, 0.05, 75),
                SweepFixtures.child(runs.get(4), Phase.Pending, null, null),
                SweepFixtures.child(runs.get(5), Phase.Pending, null, null));

        SweepPlanner.Plan plan = SweepPlanner.plan(ablation, runs, children, NOW);

        assertThat(plan.stop()).containsOnlyKeys(runs.get(2).childName());
        assertThat(plan.stop().get(runs.get(2).childName()).message()).contains("median 0.45");
        assertThat(row(plan, runs.get(2)).phase()).isEqualTo(ArmPhase.Stopped);
        assertThat(row(plan, runs.get(3)).earlyStoppingValue())
                .as("not at the mark yet")
                .isNull();
        assertThat(row(plan, runs.get(0)).earlyStoppingValue()).isEqualTo(0.50);
        assertThat(plan.status().counts().stopped()).isEqualTo(1);
    }

    @Test
    void theRecordedMarkValueIsKeptWhileTheRunImproves() {
        Ablation ablation = SweepFixtures.ablation(SweepFixtures.grid2x3(6, 0, new EarlyStopping(null, null, 100)));
        List<PlannedRun> runs = ArmExpansion.expand(ablation).runs();
        Map<String, TrainingRun> atMark = children(SweepFixtures.child(runs.get(0), Phase.Running, 0.2, 100));
        ablation.setStatus(SweepPlanner.plan(ablation, runs, atMark, NOW).status());

        Map<String, TrainingRun> later = children(SweepFixtures.child(runs.get(0), Phase.Running, 0.9, 900));
        SweepPlanner.Plan plan = SweepPlanner.plan(ablation, runs, later, NOW);

        assertThat(row(plan, runs.get(0)).earlyStoppingValue()).isEqualTo(0.2);
        assertThat(row(plan, runs.get(0)).objectiveValue()).isEqualTo(0.9);
    }

    @Test
    void bestArmHasTheBestMeanOverItsSucceededRepeats() {
        AblationSpec spec = SweepFixtures.armsWithRepeats();
        Ablation ablation = SweepFixtures.ablation(spec);
        List<PlannedRun> runs = ArmExpansion.expand(ablation).runs();
        Map<String, TrainingRun> children = children(
                SweepFixtures.child(runs.get(0), Phase.Succeeded, 0.30, 1000),
                SweepFixtures.child(runs.get(1), Phase.Succeeded, 0.50, 1000),
                SweepFixtures.child(runs.get(2), Phase.Succeeded, 0.90, 1000),
                SweepFixtures.child(runs.get(3), Phase.Failed, null, 10));
        spec = new AblationSpec(
                spec.template(),
                spec.parameters(),
                spec.arms(),
                spec.repeats(),
                spec.parallelism(),
                1,
                spec.objective(),
                spec.earlyStopping(),
                false);
        ablation.setSpec(spec);

        SweepPlanner.Plan plan = SweepPlanner.plan(ablation, runs, children, NOW);

        assertThat(plan.status().bestArm().name()).isEqualTo("pixel");
        assertThat(plan.status().bestArm().objectiveValue()).isEqualTo(0.90);
        assertThat(plan.status().bestArm().trainingRuns()).containsExactly("sweep-pixel-r0");
        assertThat(plan.status().phase()).isEqualTo(Phase.Succeeded);
        assertThat(plan.status().progress()).isEqualTo("4/4");
        assertThat(plan.status().objective())
                .as("the template validates, so the default objective is val/quality")
                .isEqualTo(new Objective("val/quality", Goal.maximize, Aggregation.last));
    }

    @Test
    void valNiqeIsMinimizedByDefaultSoTheArmWithTheLowestMeanWins() {
        Ablation ablation = SweepFixtures.ablation(
                withRanking(SweepFixtures.armsWithRepeats(), new Objective("val/niqe", null, null), null));
        List<PlannedRun> runs = ArmExpansion.expand(ablation).runs();
        Map<String, TrainingRun> children = children(
                niqe(runs.get(0), 5.0), niqe(runs.get(1), 4.0), niqe(runs.get(2), 4.8), niqe(runs.get(3), 5.0));

        SweepPlanner.Plan plan = SweepPlanner.plan(ablation, runs, children, NOW);

        assertThat(plan.status().objective().goal()).isEqualTo(Goal.minimize);
        assertThat(plan.status().bestArm().name()).as("mean 4.5 against 4.9").isEqualTo("scalar");
        assertThat(plan.status().bestArm().objectiveValue()).isEqualTo(4.5);
        assertThat(row(plan, runs.get(1)).validation())
                .containsEntry("val/niqe", 4.0)
                .containsEntry("val/quality", 0.1)
                .doesNotContainKey("val/lol/niqe");
    }

    @Test
    void aggregationBestRanksByEachRunsBestValidationAndLastByItsLatest() {
        AblationSpec arms = SweepFixtures.armsWithRepeats();
        AblationSpec oneRepeat = new AblationSpec(
                arms.template(), null, arms.arms(), 1, 2, 0, new Objective(null, null, Aggregation.best), null, false);
        Ablation ablation = SweepFixtures.ablation(oneRepeat);
        List<PlannedRun> runs = ArmExpansion.expand(ablation).runs();
        Map<String, TrainingRun> children = children(
                SweepFixtures.validatedChild(
                        runs.get(0), Phase.Succeeded, 1000, Map.of("val/quality", 0.1), Map.of("val/quality", 0.6)),
                SweepFixtures.validatedChild(
                        runs.get(1), Phase.Succeeded, 1000, Map.of("val/quality", 0.3), Map.of("val/quality", 0.4)));

        SweepPlanner.Plan best = SweepPlanner.plan(ablation, runs, children, NOW);
        assertThat(best.status().bestArm().name()).isEqualTo("scalar");
        assertThat(best.status().bestArm().objectiveValue()).isEqualTo(0.6);

        ablation.setSpec(withRanking(oneRepeat, new Objective(null, null, Aggregation.last), null));
        SweepPlanner.Plan last = SweepPlanner.plan(ablation, runs, children, NOW);
        assertThat(last.status().bestArm().name()).isEqualTo("pixel");
        assertThat(last.status().bestArm().objectiveValue()).isEqualTo(0.3);
    }

    @Test
    void earlyStoppingOnAValidationMeasureComparesOnlyValuesTakenAtTheSameUpdate() {
        Ablation ablation = SweepFixtures.ablation(
                withRanking(SweepFixtures.grid2x3(6, 0, null), null, new EarlyStopping(null, "val/niqe", 100)));
        List<PlannedRun> runs = ArmExpansion.expand(ablation).runs();
        Map<String, TrainingRun> children = children(
                niqeAt(runs.get(0), 100, 4.0),
                niqeAt(runs.get(1), 100, 4.2),
                niqeAt(runs.get(2), 100, 6.0),
                niqeAt(runs.get(3), 125, 9.0),
                niqeAt(runs.get(4), 75, 9.0));

        SweepPlanner.Plan plan = SweepPlanner.plan(ablation, runs, children, NOW);

        assertThat(plan.stop())
                .as("niqe is better lower: 6.0 is worse than the median 4.1; 9.0 at update 125 has no peers")
                .containsOnlyKeys(runs.get(2).childName());
        assertThat(plan.stop().get(runs.get(2).childName()).message())
                .isEqualTo("val/niqe 6.000 at update 100 is worse than the median 4.100 of 2 other runs");
        assertThat(row(plan, runs.get(3)).earlyStoppingUpdate()).isEqualTo(125);
        assertThat(row(plan, runs.get(3)).earlyStoppingValue()).isEqualTo(9.0);
        assertThat(row(plan, runs.get(4)).earlyStoppingValue())
                .as("no validation at or after the mark yet")
                .isNull();
    }

    @Test
    void withoutValidationTheDefaultObjectiveIsTheMeanRewardAndItsMarkIsTheFirstReportPastIt() {
        Ablation ablation = SweepFixtures.ablation(SweepFixtures.rewardSweep(new EarlyStopping(null, null, 100)));
        List<PlannedRun> runs = ArmExpansion.expand(ablation).runs();
        Map<String, TrainingRun> children = children(
                SweepFixtures.rewardedChild(runs.get(0), Phase.Running, 0.50, 120),
                SweepFixtures.rewardedChild(runs.get(1), Phase.Running, 0.40, 110),
                SweepFixtures.rewardedChild(runs.get(2), Phase.Running, 0.10, 105),
                SweepFixtures.rewardedChild(runs.get(3), Phase.Running, 0.05, 40));

        SweepPlanner.Plan plan = SweepPlanner.plan(ablation, runs, children, NOW);

        assertThat(plan.status().objective()).isEqualTo(new Objective("rewards/mean", Goal.maximize, Aggregation.last));
        assertThat(plan.stop()).containsOnlyKeys(runs.get(2).childName());
        assertThat(plan.stop().get(runs.get(2).childName()).message()).contains("median 0.45");
        assertThat(row(plan, runs.get(0)).objectiveValue()).isEqualTo(0.50);
    }

    @Test
    void aRunTheTrainerStoppedForRewardHackingIsStoppedNotFailed() {
        Ablation ablation = SweepFixtures.ablation(SweepFixtures.grid2x3(2, 0, null));
        List<PlannedRun> runs = ArmExpansion.expand(ablation).runs();
        TrainingRun hacked = SweepFixtures.child(runs.get(0), Phase.Failed, 0.2, 300);
        hacked.setStatus(TrainingRunStatuses.withConditions(
                hacked.getStatus(),
                Conditions.after(null, 1L, NOW)
                        .setPhase(Phase.Failed, Reason.RewardHacking, "stopped at update 300: reward hacking suspected")
                        .list()));

        SweepPlanner.Plan plan = SweepPlanner.plan(ablation, runs, children(hacked), NOW);

        assertThat(row(plan, runs.get(0)).phase()).isEqualTo(ArmPhase.Stopped);
        assertThat(row(plan, runs.get(0)).message())
                .isEqualTo("RewardHacking: stopped at update 300: reward hacking suspected");
        assertThat(plan.status().phase()).as("within a failure budget of 0").isEqualTo(Phase.Running);
        assertThat(plan.create()).hasSize(2);
    }

    /** A succeeded run with this pooled NIQE, a per-set one, and a val/quality that would rank otherwise. */
    private static TrainingRun niqe(PlannedRun run, double niqe) {
        return SweepFixtures.validatedChild(
                run,
                Phase.Succeeded,
                1000,
                Map.of("val/niqe", niqe, "val/quality", 0.1, "val/lol/niqe", niqe),
                Map.of());
    }

    private static TrainingRun niqeAt(PlannedRun run, int update, double niqe) {
        return SweepFixtures.validatedChild(run, Phase.Running, update, Map.of("val/niqe", niqe), Map.of());
    }

    private static AblationSpec withRanking(AblationSpec spec, Objective objective, EarlyStopping earlyStopping) {
        return new AblationSpec(
                spec.template(),
                spec.parameters(),
                spec.arms(),
                spec.repeats(),
                spec.parallelism(),
                spec.maxFailedArms(),
                objective,
                earlyStopping,
                spec.suspend());
    }

    @Test
    void suspendingTheSweepSuspendsActiveChildrenAndStartsNoneAndResumeUndoesIt() {
        AblationSpec running = SweepFixtures.grid2x3(2, 0, null);
        Ablation ablation = SweepFixtures.ablation(
                new AblationSpec(running.template(), running.parameters(), null, 1, 2, 0, null, null, true));
        List<PlannedRun> runs = ArmExpansion.expand(ablation).runs();
        Map<String, TrainingRun> children = children(
                SweepFixtures.child(runs.get(0), Phase.Running, null, null),
                SweepFixtures.child(runs.get(1), Phase.Succeeded, 0.1, 1000));

        SweepPlanner.Plan suspended = SweepPlanner.plan(ablation, runs, children, NOW);
        assertThat(suspended.suspend()).containsExactly(Map.entry(runs.get(0).childName(), true));
        assertThat(suspended.create()).isEmpty();
        assertThat(suspended.status().phase()).isEqualTo(Phase.Suspended);

        TrainingRun pausedChild = SweepFixtures.child(runs.get(0), Phase.Suspended, null, null);
        pausedChild.setSpec(pausedChild.getSpec().withSuspend(true));
        ablation.setSpec(running);
        SweepPlanner.Plan resumed = SweepPlanner.plan(
                ablation, runs, children(pausedChild, children.get(runs.get(1).childName())), NOW);
        assertThat(resumed.suspend()).containsExactly(Map.entry(runs.get(0).childName(), false));
        assertThat(resumed.create())
                .extracting(PlannedRun::childName)
                .containsExactly(runs.get(2).childName());
    }

    @Test
    void aFinishedRowStaysFinishedWhenItsRunIsDeleted() {
        Ablation ablation = SweepFixtures.ablation(SweepFixtures.grid2x3(1, 0, null));
        List<PlannedRun> runs = ArmExpansion.expand(ablation).runs();
        ablation.setStatus(SweepPlanner.plan(
                        ablation, runs, children(SweepFixtures.child(runs.get(0), Phase.Succeeded, 0.4, 1000)), NOW)
                .status());

        SweepPlanner.Plan plan = SweepPlanner.plan(ablation, runs, Map.of(), NOW);

        assertThat(plan.create())
                .extracting(PlannedRun::childName)
                .containsExactly(runs.get(1).childName());
        assertThat(row(plan, runs.get(0)).phase()).isEqualTo(ArmPhase.Succeeded);
        assertThat(row(plan, runs.get(0)).objectiveValue()).isEqualTo(0.4);
    }

    private static ArmStatus row(SweepPlanner.Plan plan, PlannedRun run) {
        return plan.status().arms().stream()
                .filter(a -> a.trainingRun().equals(run.childName()))
                .findFirst()
                .orElseThrow();
    }

    private static Map<String, TrainingRun> children(TrainingRun... children) {
        Map<String, TrainingRun> byName = new HashMap<>();
        for (TrainingRun child : children) {
            byName.put(child.getMetadata().getName(), child);
        }
        return byName;
    }
}
