package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.config.EffectiveConfigs;

/**
 * The precondition of a run's effective-config ConfigMap, on which every other object of the run
 * depends: nothing is created for a finished run (its Job may be gone after ttlSecondsAfterFinished
 * and must not come back), nor for one the admission limits refuse, nor while its config does not
 * compose (invalid, or its base ConfigMap missing). A run whose config was frozen was admitted
 * then: limits tightened later do not stop it. JOSDK then skips the run's other dependents too; none is a Deleter, so skipping deletes
 * nothing.
 */
public class UnfinishedRunWithConfig implements Condition<ConfigMap, TrainingRun> {
    @Override
    public boolean isMet(
            DependentResource<ConfigMap, TrainingRun> effectiveConfig, TrainingRun run, Context<TrainingRun> context) {
        return !finished(run)
                && (effectiveConfig.getSecondaryResource(run, context).isPresent()
                        || TrainingRunContext.of(context).refusals().isEmpty()
                                && TrainingRunContext.of(context).effectiveConfig()
                                        instanceof EffectiveConfigs.Outcome.Composed);
    }

    public static boolean finished(TrainingRun run) {
        return run.getStatus() != null
                && run.getStatus().phase() != null
                && run.getStatus().phase().finished();
    }
}
