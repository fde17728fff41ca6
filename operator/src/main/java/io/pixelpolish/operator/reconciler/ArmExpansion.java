package io.pixelpolish.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import io.pixelpolish.contract.sweep.SweepExpansion;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.TrainerConfigSpec;
import io.pixelpolish.operator.api.TrainingRunSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An Ablation's runs as TrainingRun specs: the contract's {@link SweepExpansion} of its arms, grid
 * and repeats, each run's overrides added to the template's config.set. Names depend on the spec
 * alone, which the CRD keeps fixed, so a restarted operator computes the same names and finds the
 * runs it already created.
 */
final class ArmExpansion {
    private ArmExpansion() {}

    /** One TrainingRun of the sweep. */
    record PlannedRun(
            String arm,
            int repeat,
            long seed,
            Map<String, JsonNode> parameters,
            String childName,
            TrainingRunSpec spec) {}

    /** The runs in a fixed order, or what makes the spec unusable (its objective included). */
    record Result(List<PlannedRun> runs, Optional<String> problem) {}

    static Result expand(Ablation ablation) {
        AblationSpec spec = ablation.getSpec();
        SweepExpansion.Result expansion = SweepExpansion.expand(new SweepExpansion.Sweep(
                ablation.getMetadata().getName(),
                spec.gridParameters().stream()
                        .map(p -> new SweepExpansion.Axis(p.path(), p.values()))
                        .toList(),
                spec.namedArms().stream()
                        .map(arm -> new SweepExpansion.Arm(arm.name(), arm.setKeys()))
                        .toList(),
                spec.effectiveRepeats()));
        List<PlannedRun> runs = expansion.runs().stream()
                .map(run -> new PlannedRun(
                        run.arm(),
                        run.repeat(),
                        run.seed(),
                        orderedParameters(run),
                        run.name(),
                        childSpec(spec.template(), run.overrides())))
                .toList();
        return new Result(runs, expansion.problem().or(() -> ObjectiveRules.problem(spec, runs)));
    }

    /** The template with the run's overrides added to config.set, the overrides winning. */
    private static TrainingRunSpec childSpec(TrainingRunSpec template, Map<String, JsonNode> overrides) {
        TrainerConfigSpec config = template.effectiveConfig();
        Map<String, JsonNode> set = new LinkedHashMap<>(config.setKeys());
        set.putAll(overrides);
        return template.withConfig(new TrainerConfigSpec(config.base(), config.overrides(), set), false);
    }

    /** The arm's keys, then the grid's, as the overrides list them: the status rows show them in that order. */
    private static Map<String, JsonNode> orderedParameters(SweepExpansion.PlannedRun run) {
        Map<String, JsonNode> ordered = new LinkedHashMap<>();
        run.overrides().keySet().stream()
                .filter(run.parameters()::containsKey)
                .forEach(key -> ordered.put(key, run.parameters().get(key)));
        return ordered;
    }
}
