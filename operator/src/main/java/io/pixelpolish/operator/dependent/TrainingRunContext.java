package io.pixelpolish.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.pixelpolish.operator.api.TrackingSpec;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.config.AdmissionPolicy;
import io.pixelpolish.operator.config.EffectiveConfigs;
import java.util.List;

/**
 * What the dependents of one reconcile of a TrainingRun, and their conditions, share beyond the
 * run: the operator's Job settings and admission limits, and the run's effective config, composed at most once and only
 * when asked, i.e. while the run's config ConfigMap does not exist yet. JOSDK builds dependents and
 * conditions itself, without arguments, so the reconciler puts this into each reconcile's context
 * before the workflow runs.
 */
public final class TrainingRunContext {
    private static final String KEY = TrainingRunContext.class.getName();

    private final TrainingRun run;
    private final Context<TrainingRun> context;
    private final TrainerJobs jobs;
    private final TrackingSpec trackingDefaults;
    private final AdmissionPolicy admission;
    private EffectiveConfigs.Outcome effectiveConfig;

    private TrainingRunContext(
            TrainingRun run,
            Context<TrainingRun> context,
            TrainerJobs jobs,
            TrackingSpec trackingDefaults,
            AdmissionPolicy admission) {
        this.run = run;
        this.context = context;
        this.jobs = jobs;
        this.trackingDefaults = trackingDefaults;
        this.admission = admission;
    }

    public static void attach(
            TrainingRun run,
            Context<TrainingRun> context,
            TrainerJobs jobs,
            TrackingSpec trackingDefaults,
            AdmissionPolicy admission) {
        context.managedWorkflowAndDependentResourceContext()
                .put(KEY, new TrainingRunContext(run, context, jobs, trackingDefaults, admission));
    }

    /** What the run asks for beyond the admin's limits, each with its field; empty when it may start. */
    public List<String> refusals() {
        return admission.refusals("spec", run.getSpec());
    }

    public static TrainingRunContext of(Context<TrainingRun> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, TrainingRunContext.class);
    }

    TrainerJobs jobs() {
        return jobs;
    }

    /** Synchronized: the workflow asks from its own threads. */
    public synchronized EffectiveConfigs.Outcome effectiveConfig() {
        if (effectiveConfig == null) {
            effectiveConfig = EffectiveConfigs.compose(
                    run.getSpec(),
                    trackingDefaults,
                    context.getClient(),
                    run.getMetadata().getNamespace());
        }
        return effectiveConfig;
    }
}
