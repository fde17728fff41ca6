package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.pixelpolish.operator.api.TrainingRun;
import java.util.Set;
import java.util.function.Function;

/**
 * An object of a TrainingRun that the operator creates once and then leaves to others: the config
 * it froze, the progress only the trainer writes, RBAC that does not drift, and a Job whose pod
 * template cannot change ({@link TrainerJobDependent} patches its one changeable field).
 *
 * <p>Kubernetes garbage-collects these objects with their run, through the controller reference
 * desired() sets. None is a JOSDK {@code GarbageCollected} (a {@code Deleter}): JOSDK deletes a
 * Deleter whose reconcile precondition fails, and a finished run keeps its Job until
 * ttlSecondsAfterFinished. Subclasses create with a plain create, not server-side apply
 * ({@code useSSA = FALSE}): nothing is applied a second time, and an SSA creator would make QOSDK
 * grant patch on kinds the operator never patches.
 */
abstract class CreatedOnceDependent<R extends HasMetadata> extends KubernetesDependentResource<R, TrainingRun>
        implements Creator<R, TrainingRun>, SecondaryToPrimaryMapper<R> {
    private final Function<TrainingRun, String> name;
    private final SecondaryToPrimaryMapper<R> owner = Mappers.fromOwnerReferences(TrainingRun.class);

    CreatedOnceDependent(Class<R> type, Function<TrainingRun, String> name) {
        super(type);
        this.name = name;
    }

    /** By its fixed name, so finding the object never computes the desired one (for the config, composing it). */
    @Override
    protected ResourceID targetSecondaryResourceID(TrainingRun run, Context<TrainingRun> context) {
        return new ResourceID(name.apply(run), run.getMetadata().getNamespace());
    }

    /** desired() carries the controller reference already, which JOSDK keeps; without this it would add annotations to map back by. */
    @Override
    protected boolean addOwnerReference() {
        return true;
    }

    @Override
    public Set<ResourceID> toPrimaryResourceIDs(R resource) {
        return owner.toPrimaryResourceIDs(resource);
    }

    /**
     * JOSDK caches what a create returns, so one that found the object there already returns that
     * one, if the run owns it: an object someone else made under the run's name is never used.
     */
    @Override
    public R create(R desired, TrainingRun run, Context<TrainingRun> context) {
        return Creations.ifAbsent(() -> super.create(desired, run, context))
                .orElseGet(() -> NotOwnedException.requireOwned(
                        run, context.getClient().resource(desired).get()));
    }

    /**
     * An object found in the cache under the run's name carries the operator's labels, which anyone
     * who may create it can set too: only the run's controller reference makes it the run's.
     */
    @Override
    protected final ReconcileResult<R> reconcile(TrainingRun run, R actual, Context<TrainingRun> context) {
        return reconcileOwned(run, actual == null ? null : NotOwnedException.requireOwned(run, actual), context);
    }

    /** {@link #reconcile} of an object the run owns, or of none. */
    protected ReconcileResult<R> reconcileOwned(TrainingRun run, R actual, Context<TrainingRun> context) {
        return super.reconcile(run, actual, context);
    }
}
