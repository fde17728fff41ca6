package io.pixelpolish.operator.reconciler;

import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.TrainingRunSpec;
import java.util.List;
import java.util.Optional;

/** Opens the package-private expansion to the examples test. */
public final class ExampleSweeps {
    private ExampleSweeps() {}

    /** What makes the sweep unusable, its objective included; empty for a good one. */
    public static Optional<String> problem(Ablation ablation) {
        return ArmExpansion.expand(ablation).problem();
    }

    public static List<TrainingRunSpec> childSpecs(Ablation ablation) {
        return ArmExpansion.expand(ablation).runs().stream()
                .map(ArmExpansion.PlannedRun::spec)
                .toList();
    }
}
