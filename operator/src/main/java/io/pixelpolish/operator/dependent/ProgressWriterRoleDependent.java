package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.pixelpolish.operator.api.TrainingRun;

/** The Role that lets the trainer write its own progress ConfigMap and nothing else. */
@KubernetesDependent(
        useSSA = BooleanWithUndefined.FALSE,
        informer = @Informer(labelSelector = RunLabels.MANAGED_SELECTOR))
public class ProgressWriterRoleDependent extends CreatedOnceDependent<Role> {
    public static final String NAME = "progress-writer-role";

    public ProgressWriterRoleDependent() {
        super(Role.class, RunResourceNames::progressWriterRole);
    }

    @Override
    protected Role desired(TrainingRun run, Context<TrainingRun> context) {
        return ProgressWriterAccess.role(run);
    }
}
