package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.pixelpolish.operator.api.TrainingRun;

/** The trainer pod's ServiceAccount, for a run that names none of its own ({@link RunOwnsServiceAccount}). */
@KubernetesDependent(
        useSSA = BooleanWithUndefined.FALSE,
        informer = @Informer(labelSelector = RunLabels.MANAGED_SELECTOR))
public class TrainerServiceAccountDependent extends CreatedOnceDependent<ServiceAccount> {
    public static final String NAME = "trainer-service-account";

    public TrainerServiceAccountDependent() {
        super(ServiceAccount.class, RunResourceNames::trainerServiceAccount);
    }

    @Override
    protected ServiceAccount desired(TrainingRun run, Context<TrainingRun> context) {
        return ProgressWriterAccess.serviceAccount(run);
    }
}
