package io.pixelpolish.operator.reconciler;

import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.TrainingRunSpec;
import java.util.List;

/** Opens the package-private expansion to the examples test. */
public final class ExampleSweeps {
    private ExampleSweeps() {}

    public static List<TrainingRunSpec> childSpecs(Ablation ablation) {
        return ArmExpansion.expand(ablation).runs().stream()
                .map(ArmExpansion.PlannedRun::spec)
                .toList();
    }
}
