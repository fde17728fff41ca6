package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunStatus;
import io.pixelpolish.operator.config.EffectiveConfigs;
import io.pixelpolish.operator.config.OperatorConfig;
import io.pixelpolish.operator.dependent.ProgressWriterAccess;
import io.pixelpolish.operator.dependent.RunLabels;
import io.pixelpolish.operator.dependent.RunResourceNames;
import io.pixelpolish.operator.dependent.TrainerConfigMaps;
import io.pixelpolish.operator.dependent.TrainerJobs;
import io.pixelpolish.operator.status.RunObservation;
import io.pixelpolish.operator.observer.TrainingRunObserver;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import io.pixelpolish.operator.status.StatusRecorder;
import io.pixelpolish.operator.status.TrainingRunStatuses;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps one trainer Job (and its config, progress ConfigMap and progress-writer RBAC) per
 * TrainingRun: observe the caches, validate the config, create what is missing, write the status.
 * Every step is repeatable, so a restarted operator simply carries on. Objects carry a controller
 * owner reference and are garbage-collected with the run; no finalizer is needed.
 */
@ControllerConfiguration(name = TrainingRunReconciler.NAME)
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = {"get", "list", "watch", "create", "patch"})
@RBACRule(apiGroups = "", resources = "pods", verbs = {"get", "list", "watch"})
// get, patch and update are also what the progress-writer Role grants: RBAC lets the operator grant only what it holds.
@RBACRule(apiGroups = "", resources = "configmaps", verbs = {"get", "list", "watch", "create", "patch", "update"})
@RBACRule(apiGroups = "", resources = "serviceaccounts", verbs = {"get", "list", "watch", "create"})
@RBACRule(apiGroups = "rbac.authorization.k8s.io", resources = {"roles", "rolebindings"}, verbs = {"get", "list", "watch", "create"})
// get and patch count a repeated Event on the first one instead of writing it again.
@RBACRule(apiGroups = "", resources = "events", verbs = {"create", "get", "patch"})
public class TrainingRunReconciler implements Reconciler<TrainingRun> {
    public static final String NAME = "trainingrun";

    private final KubernetesClient client;
    private final OperatorConfig config;
    private final StatusRecorder recorder;
    private final TrainerJobs jobs;

    @Inject
    public TrainingRunReconciler(KubernetesClient client, OperatorConfig config, StatusRecorder recorder) {
        this.client = client;
        this.config = config;
        this.recorder = recorder;
        this.jobs = new TrainerJobs(config.trainerImages(), config.gpuDefaults(), config.trackingDefaults());
    }

    @Override
    public List<EventSource<?, TrainingRun>> prepareEventSources(EventSourceContext<TrainingRun> context) {
        return List.of(
                owned(context, Job.class),
                owned(context, ConfigMap.class),
                owned(context, ServiceAccount.class),
                owned(context, Role.class),
                owned(context, RoleBinding.class),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, TrainingRun.class)
                        .withLabelSelector(RunLabels.MANAGED_SELECTOR + "," + RunLabels.RUN)
                        .withSecondaryToPrimaryMapper(pod -> Set.of(new ResourceID(
                                pod.getMetadata().getLabels().get(RunLabels.RUN), pod.getMetadata().getNamespace())))
                        .build(), context));
    }

    private static <R extends HasMetadata> InformerEventSource<R, TrainingRun> owned(
            EventSourceContext<TrainingRun> context, Class<R> type) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, TrainingRun.class)
                .withLabelSelector(RunLabels.MANAGED_SELECTOR)
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(TrainingRun.class, false))
                .build(), context);
    }

    @Override
    public UpdateControl<TrainingRun> reconcile(TrainingRun run, Context<TrainingRun> context) {
        Optional<Job> job = context.getSecondaryResource(Job.class);
        Map<String, ConfigMap> configMaps = byName(context.getSecondaryResources(ConfigMap.class));
        Optional<ConfigMap> progress = Optional.ofNullable(configMaps.get(RunResourceNames.progressConfigMap(run)));
        TrainingRunStatus recorded = run.getStatus();
        if (recorded != null && recorded.phase() != null && recorded.phase().finished()) {
            // A finished run's Job may be gone (ttlSecondsAfterFinished) or never have existed (invalid
            // config): nothing is re-created, and without a Job the status is the only record left.
            return job.isEmpty() ? UpdateControl.noUpdate() : recordObserved(run, job, context, progress);
        }

        if (!configMaps.containsKey(RunResourceNames.configMap(run))) {
            EffectiveConfigs.Outcome outcome = EffectiveConfigs.compose(run.getSpec(), config.trackingDefaults(), name -> Optional.ofNullable(
                    client.configMaps().inNamespace(run.getMetadata().getNamespace()).withName(name).get()));
            if (outcome instanceof EffectiveConfigs.Outcome.Invalid invalid) {
                return recorder.record(run, TrainingRunStatuses.configProblem(
                        run, Phase.Failed, Reason.InvalidConfig, invalid.message(), recorder.now()), TrainingRun::new);
            }
            if (outcome instanceof EffectiveConfigs.Outcome.MissingConfigMap missing) {
                return recorder.record(run, TrainingRunStatuses.configProblem(
                                run, Phase.Pending, Reason.ConfigMapNotFound, missing.message(), recorder.now()),
                        TrainingRun::new)
                        .rescheduleAfter(config.missingConfigMapRecheck());
            }
            EffectiveConfigs.Outcome.Composed composed = (EffectiveConfigs.Outcome.Composed) outcome;
            Creations.createIfAbsent(context, TrainerConfigMaps.effectiveConfig(run, composed.config().toYaml()));
        }
        if (progress.isEmpty()) {
            Creations.createIfAbsent(context, TrainerConfigMaps.progress(run));
        }
        if (RunResourceNames.ownsServiceAccount(run) && context.getSecondaryResource(ServiceAccount.class).isEmpty()) {
            Creations.createIfAbsent(context, ProgressWriterAccess.serviceAccount(run));
        }
        if (context.getSecondaryResource(Role.class).isEmpty()) {
            Creations.createIfAbsent(context, ProgressWriterAccess.role(run));
        }
        if (context.getSecondaryResource(RoleBinding.class).isEmpty()) {
            Creations.createIfAbsent(context, ProgressWriterAccess.roleBinding(run));
        }
        // JOSDK filters the events of its own writes, so what was just written is observed directly.
        Optional<Job> current = job.isEmpty()
                ? Creations.createIfAbsent(context, jobs.desired(run))
                : Optional.of(syncSuspend(run, job.get(), context));
        return recordObserved(run, current, context, progress);
    }

    @Override
    public ErrorStatusUpdateControl<TrainingRun> updateErrorStatus(TrainingRun run, Context<TrainingRun> context, Exception e) {
        return recorder.recordError(run, e, TrainingRunStatuses::withConditions, TrainingRun::new);
    }

    private UpdateControl<TrainingRun> recordObserved(
            TrainingRun run, Optional<Job> job, Context<TrainingRun> context, Optional<ConfigMap> progress) {
        RunObservation observation = TrainingRunObserver.observe(
                run, job, context.getSecondaryResources(Pod.class), progress);
        return recorder.record(
                run,
                TrainingRunStatuses.observed(run, job.map(j -> j.getMetadata().getName()).orElse(null), observation, recorder.now()),
                TrainingRun::new);
    }

    /**
     * spec.suspend is mirrored onto the Job, except that a run Kueue manages is never unsuspended
     * here: admitting it is Kueue's decision.
     */
    private static Job syncSuspend(TrainingRun run, Job job, Context<TrainingRun> context) {
        boolean jobSuspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
        boolean suspend = run.getSpec().suspended();
        boolean kueueDecides = !suspend && RunLabels.queueName(run).isPresent();
        if (jobSuspended == suspend || kueueDecides) {
            return job;
        }
        return context.resourceOperations().jsonPatch(job, j -> {
            j.getSpec().setSuspend(suspend);
            return j;
        });
    }

    private static Map<String, ConfigMap> byName(Set<ConfigMap> configMaps) {
        Map<String, ConfigMap> byName = new HashMap<>();
        configMaps.forEach(cm -> byName.put(cm.getMetadata().getName(), cm));
        return byName;
    }
}
