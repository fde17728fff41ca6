package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.pixelpolish.operator.api.TrainingRun;

/**
 * The precondition of the trainer Job: a Job that is missing is created only once no trainer pod
 * of the run still runs. A Job deleted by hand leaves its pods behind for their grace period (or
 * for good, with --cascade=orphan), and a new Job's pod would resume from the same run folder
 * while the old one still writes it. The Job's own podReplacementPolicy covers the pods of one
 * Job; this covers the pods of a Job that is gone. The pod informer wakes the run when they end.
 */
public class NoPreviousTrainerPod implements Condition<Job, TrainingRun> {
    @Override
    public boolean isMet(DependentResource<Job, TrainingRun> job, TrainingRun run, Context<TrainingRun> context) {
        return job.getSecondaryResource(run, context).isPresent()
                || context.getSecondaryResources(Pod.class).stream().noneMatch(TrainerPods::mayStillWrite);
    }
}
