package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.pixelpolish.operator.api.TrainingRun;

/**
 * The RoleBinding is ready once the ServiceAccount the operator creates beside the Role exists (at
 * once for a run that names its own, whose existence is the user's business). The Job waits for
 * it, since the API server refuses a pod whose ServiceAccount does not exist. The ServiceAccount
 * cannot be a dependency of the Job instead: JOSDK skips what depends on a dependent whose
 * precondition fails, and {@link RunOwnsServiceAccount} fails for every run that names its own.
 */
public class TrainerServiceAccountReady implements Condition<RoleBinding, TrainingRun> {
    @Override
    public boolean isMet(
            DependentResource<RoleBinding, TrainingRun> roleBinding, TrainingRun run, Context<TrainingRun> context) {
        return !RunResourceNames.ownsServiceAccount(run)
                || context.getSecondaryResource(ServiceAccount.class).isPresent();
    }
}
