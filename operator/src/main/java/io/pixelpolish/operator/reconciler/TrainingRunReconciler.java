package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ContextInitializer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.config.EffectiveConfigs;
import io.pixelpolish.operator.config.OperatorConfig;
import io.pixelpolish.operator.dependent.EffectiveConfigMapDependent;
import io.pixelpolish.operator.dependent.NoPreviousTrainerPod;
import io.pixelpolish.operator.dependent.ProgressConfigMapDependent;
import io.pixelpolish.operator.dependent.ProgressWriterRoleBindingDependent;
import io.pixelpolish.operator.dependent.ProgressWriterRoleDependent;
import io.pixelpolish.operator.dependent.RunLabels;
import io.pixelpolish.operator.dependent.RunOwnsServiceAccount;
import io.pixelpolish.operator.dependent.TrainerConfigMaps;
import io.pixelpolish.operator.dependent.TrainerJobDependent;
import io.pixelpolish.operator.dependent.TrainerJobs;
import io.pixelpolish.operator.dependent.TrainerServiceAccountDependent;
import io.pixelpolish.operator.dependent.TrainerServiceAccountReady;
import io.pixelpolish.operator.dependent.TrainingRunContext;
import io.pixelpolish.operator.dependent.UnfinishedRunWithConfig;
import io.pixelpolish.operator.observer.TrainingRunObserver;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import io.pixelpolish.operator.status.RunObservation;
import io.pixelpolish.operator.status.StatusRecorder;
import io.pixelpolish.operator.status.TrainingRunStatuses;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps one trainer Job (and its config, progress ConfigMap and progress-writer RBAC) per
 * TrainingRun. JOSDK's workflow creates what is missing before {@link #reconcile} runs, which then
 * observes the caches and writes the status. Every step is repeatable, so a restarted operator
 * simply carries on. Objects carry a controller owner reference and are garbage-collected with the
 * run; no finalizer is needed.
 */
@ControllerConfiguration(name = TrainingRunReconciler.NAME)
@Workflow(
        dependents = {
            @Dependent(
                    name = EffectiveConfigMapDependent.NAME,
                    type = EffectiveConfigMapDependent.class,
                    reconcilePrecondition = UnfinishedRunWithConfig.class),
            @Dependent(
                    name = ProgressConfigMapDependent.NAME,
                    type = ProgressConfigMapDependent.class,
                    dependsOn = EffectiveConfigMapDependent.NAME),
            @Dependent(
                    name = TrainerServiceAccountDependent.NAME,
                    type = TrainerServiceAccountDependent.class,
                    dependsOn = EffectiveConfigMapDependent.NAME,
                    reconcilePrecondition = RunOwnsServiceAccount.class),
            @Dependent(
                    name = ProgressWriterRoleDependent.NAME,
                    type = ProgressWriterRoleDependent.class,
                    dependsOn = EffectiveConfigMapDependent.NAME),
            @Dependent(
                    name = ProgressWriterRoleBindingDependent.NAME,
                    type = ProgressWriterRoleBindingDependent.class,
                    dependsOn = ProgressWriterRoleDependent.NAME,
                    readyPostcondition = TrainerServiceAccountReady.class),
            @Dependent(
                    name = TrainerJobDependent.NAME,
                    type = TrainerJobDependent.class,
                    dependsOn = {ProgressConfigMapDependent.NAME, ProgressWriterRoleBindingDependent.NAME},
                    reconcilePrecondition = NoPreviousTrainerPod.class)
        })
// QOSDK grants what the dependents need to read and create; these rules are the rest.
// The Job's spec.suspend follows the run's.
@RBACRule(
        apiGroups = "batch",
        resources = "jobs",
        verbs = {"patch"})
@RBACRule(
        apiGroups = "",
        resources = "pods",
        verbs = {"get", "list", "watch"})
// What the progress-writer Role grants: RBAC lets the operator grant only what it holds.
@RBACRule(
        apiGroups = "",
        resources = "configmaps",
        verbs = {"get", "patch", "update"})
// get and patch count a repeated Event on the first one instead of writing it again.
@RBACRule(
        apiGroups = "",
        resources = "events",
        verbs = {"create", "get", "patch"})
public class TrainingRunReconciler implements Reconciler<TrainingRun>, ContextInitializer<TrainingRun> {
    public static final String NAME = "trainingrun";
    /**
     * How soon a run whose Job waits for its ServiceAccount looks again: JOSDK drops the event of
     * the operator's own creation of it, so nothing else would wake the run.
     */
    private static final Duration SERVICE_ACCOUNT_RECHECK = Duration.ofSeconds(1);

    private final OperatorConfig config;
    private final StatusRecorder recorder;
    private final TrainerJobs jobs;

    @Inject
    public TrainingRunReconciler(OperatorConfig config, StatusRecorder recorder) {
        this.config = config;
        this.recorder = recorder;
        this.jobs = new TrainerJobs(config.trainerImages(), config.gpuDefaults(), config.trackingDefaults());
    }

    /** The trainer pods, which the Job controller makes: they carry the run's label, not its owner reference. */
    @Override
    public List<EventSource<?, TrainingRun>> prepareEventSources(EventSourceContext<TrainingRun> context) {
        return List.of(new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Pod.class, TrainingRun.class)
                        .withLabelSelector(RunLabels.MANAGED_SELECTOR + "," + RunLabels.RUN)
                        .withSecondaryToPrimaryMapper(pod -> Set.of(new ResourceID(
                                pod.getMetadata().getLabels().get(RunLabels.RUN),
                                pod.getMetadata().getNamespace())))
                        .build(),
                context));
    }

    @Override
    public void initContext(TrainingRun run, Context<TrainingRun> context) {
        TrainingRunContext.attach(run, context, jobs, config.trackingDefaults(), config.admissionPolicy());
    }

    @Override
    public UpdateControl<TrainingRun> reconcile(TrainingRun run, Context<TrainingRun> context) {
        // JOSDK caches what the workflow wrote, so a Job created or patched a moment ago is observed as it now is.
        Optional<Job> job = context.getSecondaryResource(Job.class);
        if (UnfinishedRunWithConfig.finished(run)) {
            // A finished run's Job may be gone (ttlSecondsAfterFinished) or never have existed (invalid
            // config): nothing was re-created, and without a Job the status is the only record left.
            return job.isEmpty() ? UpdateControl.noUpdate() : recordObserved(run, job, context);
        }
        Optional<ConfigMap> frozenConfig =
                context.getSecondaryResource(ConfigMap.class, EffectiveConfigMapDependent.NAME);
        if (frozenConfig.isEmpty()) {
            List<String> refusals = TrainingRunContext.of(context).refusals();
            if (!refusals.isEmpty()) {
                String message = String.join("; ", refusals);
                return recorder.record(
                        run,
                        TrainingRunStatuses.configProblem(
                                run, Phase.Failed, Reason.NotAllowed, message, recorder.now()),
                        TrainingRun::new);
            }
            EffectiveConfigs.Outcome outcome = TrainingRunContext.of(context).effectiveConfig();
            if (outcome instanceof EffectiveConfigs.Outcome.Invalid invalid) {
                return recorder.record(
                        run,
                        TrainingRunStatuses.configProblem(
                                run, Phase.Failed, Reason.InvalidConfig, invalid.message(), recorder.now()),
                        TrainingRun::new);
            }
            if (outcome instanceof EffectiveConfigs.Outcome.MissingConfigMap missing) {
                return recorder.record(
                                run,
                                TrainingRunStatuses.configProblem(
                                        run,
                                        Phase.Pending,
                                        Reason.ConfigMapNotFound,
                                        missing.message(),
                                        recorder.now()),
                                TrainingRun::new)
                        .rescheduleAfter(config.missingConfigMapRecheck());
            }
        }
        UpdateControl<TrainingRun> update = recordObserved(run, job, context);
        boolean jobWaits = context.managedWorkflowAndDependentResourceContext()
                .getWorkflowReconcileResult()
                .map(result -> !result.allDependentResourcesReady())
                .orElse(false);
        return jobWaits ? update.rescheduleAfter(SERVICE_ACCOUNT_RECHECK) : update;
    }

    @Override
    public ErrorStatusUpdateControl<TrainingRun> updateErrorStatus(
            TrainingRun run, Context<TrainingRun> context, Exception e) {
        return recorder.recordError(run, e, TrainingRunStatuses::withConditions, TrainingRun::new);
    }

    private UpdateControl<TrainingRun> recordObserved(
            TrainingRun run, Optional<Job> job, Context<TrainingRun> context) {
        Integer totalUpdates = context.getSecondaryResource(ConfigMap.class, EffectiveConfigMapDependent.NAME)
                .flatMap(TrainerConfigMaps::totalUpdates)
                .orElse(null);
        RunObservation observation = TrainingRunObserver.observe(
                run,
                job,
                context.getSecondaryResources(Pod.class),
                TrainingRunObserver.progress(
                        context.getSecondaryResource(ConfigMap.class, ProgressConfigMapDependent.NAME), totalUpdates));
        return recorder.record(
                run,
                TrainingRunStatuses.observed(
                        run, job.map(j -> j.getMetadata().getName()).orElse(null), observation, recorder.now()),
                TrainingRun::new);
    }
}
