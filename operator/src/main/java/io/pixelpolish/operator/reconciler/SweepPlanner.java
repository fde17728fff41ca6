package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.contract.metrics.ValidationMeasure;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.AblationStatus;
import io.pixelpolish.operator.api.ArmCounts;
import io.pixelpolish.operator.api.ArmPhase;
import io.pixelpolish.operator.api.ArmStatus;
import io.pixelpolish.operator.api.BestArm;
import io.pixelpolish.operator.api.EarlyStopping;
import io.pixelpolish.operator.api.Objective;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunStatus;
import io.pixelpolish.operator.reconciler.ArmExpansion.PlannedRun;
import io.pixelpolish.operator.status.Conditions;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import io.pixelpolish.operator.status.StatusRecorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides, from the Ablation and the children that exist, what to create, suspend, resume or stop,
 * and what the status says. Pure: the reconciler applies the plan; tests check it on plain objects.
 */
final class SweepPlanner {
    /** On a child the Ablation stopped: why. A stopped child stays suspended and is never resumed. */
    static final String STOPPED_ANNOTATION = "pixelpolish.io/stopped";

    private SweepPlanner() {}

    /**
     * @param create children to create, in expansion order
     * @param suspend existing children whose spec.suspend must change, to the value given
     * @param stop existing children to stop, and why
     */
    record Plan(List<PlannedRun> create, Map<String, Boolean> suspend, Map<String, Stop> stop, AblationStatus status) {}

    /** Why a child was stopped; {@link #text()} is what its annotation and its status row say. */
    record Stop(Reason reason, String message) {
        String text() {
            return reason + ": " + message;
        }
    }

    private static final class Row {
        final PlannedRun run;
        final Optional<TrainingRun> child;
        ArmPhase phase;
        Double objective;
        Map<String, Double> validation;
        Double earlyStoppingValue;
        Integer earlyStoppingUpdate;
        String message;

        Row(PlannedRun run, Optional<TrainingRun> child) {
            this.run = run;
            this.child = child;
        }
    }

    /** @param reason InvalidSpec, or NotAllowed for a template beyond the admission limits */
    static Plan invalid(Ablation ablation, Reason reason, String problem, Instant now) {
        Conditions conditions = Conditions.after(
                        previousConditions(ablation), ablation.getMetadata().getGeneration(), now)
                .set(Conditions.SPEC_VALID, false, reason, problem)
                .setPhase(Phase.Failed, reason, problem);
        return new Plan(
                List.of(),
                Map.of(),
                Map.of(),
                new AblationStatus(
                        Phase.Failed,
                        conditions.list(),
                        ablation.getMetadata().getGeneration(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    static Plan plan(Ablation ablation, List<PlannedRun> runs, Map<String, TrainingRun> children, Instant now) {
        AblationSpec spec = ablation.getSpec();
        Objective objective = spec.effectiveObjective();
        Map<String, ArmStatus> previousRows = previousRows(ablation);
        List<Row> rows = runs.stream()
                .map(run -> observe(
                        run,
                        Optional.ofNullable(children.get(run.childName())),
                        previousRows.get(run.childName()),
                        spec,
                        objective))
                .toList();

        Map<String, Stop> stop = new LinkedHashMap<>();
        long failed = rows.stream().filter(r -> r.phase == ArmPhase.Failed).count();
        boolean budgetExceeded = failed > spec.failureBudget();
        if (budgetExceeded) {
            Stop why = new Stop(
                    Reason.FailureBudgetExceeded, failed + " runs failed, maxFailedArms is " + spec.failureBudget());
            rows.stream().filter(r -> r.child.isPresent() && !r.phase.done()).forEach(r -> stopRow(r, why, stop));
        } else if (spec.earlyStopping() != null) {
            applyMedianRule(rows, spec.earlyStopping(), objective, stop);
        }

        Map<String, Boolean> suspend = new LinkedHashMap<>();
        rows.stream()
                .filter(r -> r.child.isPresent() && !r.phase.done())
                .filter(r -> r.child.get().getSpec().suspended() != spec.suspended())
                .forEach(r -> suspend.put(r.run.childName(), spec.suspended()));

        List<PlannedRun> create = new ArrayList<>();
        if (!spec.suspended() && !budgetExceeded) {
            long active = rows.stream()
                    .filter(r -> r.child.isPresent() && !r.phase.done())
                    .count();
            for (Row row : rows) {
                if (active >= spec.effectiveParallelism()) {
                    break;
                }
                if (row.child.isEmpty() && row.phase == ArmPhase.Pending) {
                    create.add(row.run);
                    active++;
                }
            }
        }
        return new Plan(create, suspend, stop, status(ablation, rows, budgetExceeded, failed, objective, now));
    }

    /** A row that finished keeps its result even if its TrainingRun was deleted since. */
    private static Row observe(
            PlannedRun run, Optional<TrainingRun> child, ArmStatus previous, AblationSpec spec, Objective objective) {
        Row row = new Row(run, child);
        row.earlyStoppingValue = previous == null ? null : previous.earlyStoppingValue();
        row.earlyStoppingUpdate = previous == null ? null : previous.earlyStoppingUpdate();
        if (child.isEmpty()) {
            boolean finishedBefore = previous != null
                    && previous.phase() != null
                    && previous.phase().done();
            row.phase = finishedBefore ? previous.phase() : ArmPhase.Pending;
            row.objective = finishedBefore ? previous.objectiveValue() : null;
            row.validation = finishedBefore ? previous.validation() : null;
            row.message = finishedBefore ? previous.message() : null;
            return row;
        }
        TrainingRun training = child.get();
        TrainingRunStatus status = training.getStatus();
        String stopped = training.getMetadata().getAnnotations() == null
                ? null
                : training.getMetadata().getAnnotations().get(STOPPED_ANNOTATION);
        Phase phase = status == null || status.phase() == null ? Phase.Pending : status.phase();
        if (phase.finished()) {
            // A run the trainer stopped for reward hacking is a result of the sweep, not a failure of its machinery.
            row.phase = phase == Phase.Failed && Reason.RewardHacking.name().equals(phaseReason(status))
                    ? ArmPhase.Stopped
                    : ArmPhase.valueOf(phase.name());
            row.message = row.phase == ArmPhase.Succeeded ? null : failureMessage(status);
        } else {
            row.phase = stopped != null ? ArmPhase.Stopped : ArmPhase.valueOf(phase.name());
            row.message = stopped;
        }
        OptionalDouble value = metric(status, objective.metric(), objective.aggregation());
        row.objective = value.isPresent()
                ? Double.valueOf(value.getAsDouble())
                : previous == null ? null : previous.objectiveValue();
        row.validation = pooledValidation(status).orElse(previous == null ? null : previous.validation());
        EarlyStopping earlyStopping = spec.earlyStopping();
        if (row.earlyStoppingValue == null && earlyStopping != null && status != null) {
            recordMark(row, status, earlyStopping, earlyStopping.metricOr(objective));
        }
        return row;
    }

    /**
     * The early-stopping value, once the run is past the mark: a validation key as of the first
     * validation at or after it (its update is what peers are compared at), a reward metric as of
     * the first report past it.
     */
    private static void recordMark(Row row, TrainingRunStatus status, EarlyStopping rule, String metric) {
        Integer update = Objective.isValidationKey(metric)
                ? status.validation() == null ? null : status.validation().update()
                : status.progress() == null ? null : status.progress().update();
        if (update == null || update < rule.afterUpdates()) {
            return;
        }
        OptionalDouble atMark = metric(status, metric, Objective.Aggregation.last);
        if (atMark.isPresent()) {
            row.earlyStoppingValue = atMark.getAsDouble();
            row.earlyStoppingUpdate = update;
        }
    }

    /** The measures pooled over every set, {@code val/<measure>}: one per column of the sweep's table. */
    private static Optional<Map<String, Double>> pooledValidation(TrainingRunStatus status) {
        if (status == null || status.validation() == null || status.validation().measures() == null) {
            return Optional.empty();
        }
        Map<String, Double> pooled = new LinkedHashMap<>();
        for (ValidationMeasure measure : ValidationMeasure.values()) {
            Double value = status.validation().measures().get(Metric.validation(measure.measureName()));
            if (value != null) {
                pooled.put(Metric.validation(measure.measureName()), value);
            }
        }
        return pooled.isEmpty() ? Optional.empty() : Optional.of(pooled);
    }

    /**
     * Stops a run still training whose value at the mark is worse than the median of the values the
     * other runs had at the same mark, once there are enough of them to make a median. Validation
     * values count as the same mark only when taken at the same update.
     */
    private static void applyMedianRule(
            List<Row> rows, EarlyStopping rule, Objective objective, Map<String, Stop> stop) {
        String metric = rule.metricOr(objective);
        boolean sameUpdateOnly = Objective.isValidationKey(metric);
        Objective.Goal goal = objective.goalOf(metric);
        for (Row row : rows) {
            if (row.phase != ArmPhase.Running || row.earlyStoppingValue == null) {
                continue;
            }
            List<Double> peers = rows.stream()
                    .filter(other -> other != row && other.earlyStoppingValue != null)
                    .filter(other ->
                            !sameUpdateOnly || Objects.equals(other.earlyStoppingUpdate, row.earlyStoppingUpdate))
                    .map(other -> other.earlyStoppingValue)
                    .sorted()
                    .toList();
            if (peers.size() < EarlyStopping.MIN_PEERS) {
                continue;
            }
            double median = median(peers);
            if (Objective.better(goal, median, row.earlyStoppingValue)) {
                stopRow(
                        row,
                        new Stop(
                                Reason.EarlyStopped,
                                String.format(
                                        "%s %.4g at update %d is worse than the median %.4g of %d other runs",
                                        metric, row.earlyStoppingValue, row.earlyStoppingUpdate, median, peers.size())),
                        stop);
            }
        }
    }

    private static void stopRow(Row row, Stop why, Map<String, Stop> stop) {
        row.phase = ArmPhase.Stopped;
        row.message = why.text();
        stop.put(row.run.childName(), why);
    }

    private static AblationStatus status(
            Ablation ablation, List<Row> rows, boolean budgetExceeded, long failed, Objective objective, Instant now) {
        AblationSpec spec = ablation.getSpec();
        ArmCounts counts = new ArmCounts(
                rows.size(),
                count(rows, ArmPhase.Pending) + count(rows, ArmPhase.Suspended),
                count(rows, ArmPhase.Running),
                count(rows, ArmPhase.Succeeded),
                count(rows, ArmPhase.Failed),
                count(rows, ArmPhase.Stopped));
        Optional<BestArm> best = best(rows, objective);
        Phase phase;
        Reason reason;
        String message;
        if (budgetExceeded) {
            phase = Phase.Failed;
            reason = Reason.FailureBudgetExceeded;
            message = failed + " runs failed, maxFailedArms is " + spec.failureBudget();
        } else if (counts.done() == counts.total()) {
            phase = counts.succeeded() > 0 ? Phase.Succeeded : Phase.Failed;
            reason = counts.succeeded() > 0 ? Reason.Completed : Reason.NoArmSucceeded;
            message = best.map(b -> "best arm " + b.name()).orElse("no run succeeded");
        } else if (spec.suspended()) {
            phase = Phase.Suspended;
            reason = Reason.Suspended;
            message = "spec.suspend is true";
        } else {
            phase = rows.stream().anyMatch(r -> r.child.isPresent()) ? Phase.Running : Phase.Pending;
            reason = phase == Phase.Running ? Reason.ArmsRunning : Reason.Starting;
            message = counts.running() + " running, " + counts.pending() + " pending, " + counts.done() + " done";
        }
        Conditions conditions = Conditions.after(
                        previousConditions(ablation), ablation.getMetadata().getGeneration(), now)
                .set(Conditions.SPEC_VALID, true, Reason.SpecExpanded, rows.size() + " runs")
                .setPhase(phase, reason, message);
        List<ArmStatus> arms = rows.stream()
                .map(r -> new ArmStatus(
                        r.run.arm(),
                        r.run.repeat(),
                        r.run.seed(),
                        parameterText(r.run),
                        r.run.childName(),
                        r.phase,
                        r.objective,
                        r.validation,
                        r.earlyStoppingValue,
                        r.earlyStoppingUpdate,
                        r.message))
                .toList();
        return new AblationStatus(
                phase,
                conditions.list(),
                ablation.getMetadata().getGeneration(),
                counts.done() + "/" + counts.total(),
                counts,
                objective,
                arms,
                best.orElse(null),
                null);
    }

    /** For {@link StatusRecorder#recordError}: {@code status}, or an empty one, with these conditions. */
    static AblationStatus withConditions(AblationStatus status, List<Condition> conditions) {
        if (status == null) {
            return new AblationStatus(null, conditions, null, null, null, null, null, null, null);
        }
        return new AblationStatus(
                status.phase(),
                conditions,
                status.observedGeneration(),
                status.progress(),
                status.counts(),
                status.objective(),
                status.arms(),
                status.bestArm(),
                status.mlflowParentRun());
    }

    /** The arm with the best mean objective over its succeeded runs; on a tie, the one expanded first. */
    private static Optional<BestArm> best(List<Row> rows, Objective objective) {
        Map<String, List<Row>> byArm = rows.stream()
                .filter(r -> r.phase == ArmPhase.Succeeded && r.objective != null)
                .collect(Collectors.groupingBy(r -> r.run.arm(), LinkedHashMap::new, Collectors.toList()));
        BestArm best = null;
        for (Map.Entry<String, List<Row>> arm : byArm.entrySet()) {
            double mean = arm.getValue().stream()
                    .mapToDouble(r -> r.objective)
                    .average()
                    .orElseThrow();
            if (best == null || objective.better(mean, best.objectiveValue())) {
                best = new BestArm(
                        arm.getKey(),
                        mean,
                        arm.getValue().stream().map(r -> r.run.childName()).toList());
            }
        }
        return Optional.ofNullable(best);
    }

    private static Map<String, String> parameterText(PlannedRun run) {
        Map<String, String> text = new LinkedHashMap<>();
        run.parameters().forEach((key, value) -> text.put(key, value.isTextual() ? value.asText() : value.toString()));
        return text;
    }

    private static OptionalDouble metric(TrainingRunStatus status, String metric, Objective.Aggregation aggregation) {
        return status == null ? OptionalDouble.empty() : status.metric(metric, aggregation);
    }

    private static String phaseReason(TrainingRunStatus status) {
        return StatusRecorder.phaseCondition(status).map(c -> c.getReason()).orElse(null);
    }

    private static String failureMessage(TrainingRunStatus status) {
        return StatusRecorder.phaseCondition(status)
                .map(c -> c.getReason()
                        + (c.getMessage() == null || c.getMessage().isEmpty() ? "" : ": " + c.getMessage()))
                .orElse(null);
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int count(List<Row> rows, ArmPhase phase) {
        return (int) rows.stream().filter(r -> r.phase == phase).count();
    }

    private static Map<String, ArmStatus> previousRows(Ablation ablation) {
        if (ablation.getStatus() == null || ablation.getStatus().arms() == null) {
            return Map.of();
        }
        return ablation.getStatus().arms().stream()
                .filter(a -> a.trainingRun() != null)
                .collect(Collectors.toMap(ArmStatus::trainingRun, Function.identity(), (a, b) -> a));
    }

    private static List<Condition> previousConditions(Ablation ablation) {
        return ablation.getStatus() == null ? null : ablation.getStatus().conditions();
    }
}
