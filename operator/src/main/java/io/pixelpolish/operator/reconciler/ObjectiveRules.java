package io.pixelpolish.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.contract.metrics.ValidationMeasure;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.Objective;
import io.pixelpolish.operator.reconciler.ArmExpansion.PlannedRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the CRD cannot check of the metrics that rank and stop a sweep's arms: that a validation key
 * names a measure, that a goal agrees with it, and that a training reward metric compares arms
 * paid by the same reward. CEL sees neither the measure registry nor the arms' config values
 * (maps without a schema type), so these are checked when the sweep is expanded.
 */
final class ObjectiveRules {
    private ObjectiveRules() {}

    static Optional<String> problem(AblationSpec spec, List<PlannedRun> runs) {
        Objective objective = spec.effectiveObjective();
        List<String> problems = new ArrayList<>();
        measureProblem("objective.metric", objective.metric()).ifPresent(problems::add);
        Optional<Objective.Goal> natural = Objective.naturalGoal(objective.metric());
        if (natural.isPresent() && natural.get() != objective.goal()) {
            problems.add("objective.goal: " + objective.metric() + " is better when it is "
                    + (natural.get() == Objective.Goal.minimize ? "lower" : "higher") + "; expected "
                    + natural.get() + " or unset, got " + objective.goal());
        }
        List<String> rankingMetrics = new ArrayList<>(List.of(objective.metric()));
        if (spec.earlyStopping() != null && spec.earlyStopping().metric() != null) {
            measureProblem("earlyStopping.metric", spec.earlyStopping().metric())
                    .ifPresent(problems::add);
            rankingMetrics.add(spec.earlyStopping().metric());
        }
        List<String> differing = differingRewardKeys(runs);
        if (!differing.isEmpty()) {
            rankingMetrics.stream()
                    .filter(metric -> !Objective.isValidationKey(metric))
                    .distinct()
                    .forEach(metric -> problems.add(metric + " would rank arms whose rewards differ ("
                            + String.join(", ", differing) + " set differently): each arm would be measured by its"
                            + " own yardstick; rank by a val/* metric instead, e.g. objective.metric val/quality with"
                            + " template.validation"));
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static Optional<String> measureProblem(String field, String metric) {
        if (!Objective.isValidationKey(metric)
                || Metric.validationMeasureOf(metric).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(field + ": " + metric + " names no validation measure; expected one of "
                + Arrays.stream(ValidationMeasure.values())
                        .map(ValidationMeasure::measureName)
                        .collect(Collectors.joining(", ")));
    }

    /** The reward-affecting keys the runs do not all set to the same value (setting it or not included). */
    private static List<String> differingRewardKeys(List<PlannedRun> runs) {
        TreeSet<String> keys = runs.stream()
                .flatMap(run -> run.parameters().entrySet().stream())
                .filter(key -> affectsReward(key.getKey(), key.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
        return keys.stream()
                .filter(key -> runs.stream()
                                .map(run -> Optional.ofNullable(run.parameters().get(key)))
                                .distinct()
                                .count()
                        > 1)
                .toList();
    }

    /** Whether a config key changes what the reward pays: the reward section, or the algorithm it trains with. */
    private static boolean affectsReward(String key, JsonNode value) {
        return key.equals("reward")
                || key.startsWith("reward.")
                || key.equals("train.algorithm")
                || key.equals("train") && value.has("algorithm");
    }
}
