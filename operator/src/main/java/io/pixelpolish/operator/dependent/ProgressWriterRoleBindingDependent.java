package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.pixelpolish.operator.api.TrainingRun;

/** Binds the progress-writer Role to the trainer pod's ServiceAccount. */
@KubernetesDependent(
        useSSA = BooleanWithUndefined.FALSE,
        informer = @Informer(labelSelector = RunLabels.MANAGED_SELECTOR))
public class ProgressWriterRoleBindingDependent extends CreatedOnceDependent<RoleBinding> {
    public static final String NAME = "progress-writer-role-binding";

    public ProgressWriterRoleBindingDependent() {
        super(RoleBinding.class, RunResourceNames::progressWriterRole);
    }

    @Override
    protected RoleBinding desired(TrainingRun run, Context<TrainingRun> context) {
        return ProgressWriterAccess.roleBinding(run);
    }
}
