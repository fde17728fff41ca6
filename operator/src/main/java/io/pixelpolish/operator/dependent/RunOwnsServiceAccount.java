package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.pixelpolish.operator.api.TrainingRun;

/** The operator creates the pod's ServiceAccount only for a run whose spec names none. */
public class RunOwnsServiceAccount implements Condition<ServiceAccount, TrainingRun> {
    @Override
    public boolean isMet(
            DependentResource<ServiceAccount, TrainingRun> serviceAccount,
            TrainingRun run,
            Context<TrainingRun> context) {
        return RunResourceNames.ownsServiceAccount(run);
    }
}
