package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.pixelpolish.operator.api.TrainingRun;

/**
 * The trainer Job. Its pod template cannot change, so after creation the only field the operator
 * changes is spec.suspend, mirrored from the run, except that a run Kueue manages is never
 * unsuspended here: admitting it is Kueue's decision. Not a JOSDK {@code Updater}, which would
 * update the whole Job on drift (and make QOSDK grant update on Jobs): one field is patched.
 */
@KubernetesDependent(
        useSSA = BooleanWithUndefined.FALSE,
        informer = @Informer(labelSelector = RunLabels.MANAGED_SELECTOR))
public class TrainerJobDependent extends CreatedOnceDependent<Job> {
    public static final String NAME = "trainer-job";

    public TrainerJobDependent() {
        super(Job.class, RunResourceNames::job);
    }

    @Override
    protected Job desired(TrainingRun run, Context<TrainingRun> context) {
        return TrainingRunContext.of(context).jobs().desired(run);
    }

    @Override
    protected ReconcileResult<Job> reconcileOwned(TrainingRun run, Job actual, Context<TrainingRun> context) {
        boolean suspend = run.getSpec().suspended();
        boolean kueueDecides = !suspend && RunLabels.queueName(run).isPresent();
        if (actual == null || Boolean.TRUE.equals(actual.getSpec().getSuspend()) == suspend || kueueDecides) {
            return super.reconcileOwned(run, actual, context);
        }
        return ReconcileResult.resourceUpdated(context.resourceOperations().jsonPatch(actual, job -> {
            job.getSpec().setSuspend(suspend);
            return job;
        }));
    }
}
