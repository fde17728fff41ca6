package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.pixelpolish.contract.mlflow.MlflowSettings;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.SweepMlflowRun;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.config.AdmissionPolicy;
import io.pixelpolish.operator.config.OperatorConfig;
import io.pixelpolish.operator.dependent.Creations;
import io.pixelpolish.operator.dependent.Owned;
import io.pixelpolish.operator.dependent.RunLabels;
import io.pixelpolish.operator.mlflow.SweepMlflowRuns;
import io.pixelpolish.operator.reconciler.ArmExpansion.PlannedRun;
import io.pixelpolish.operator.status.EventRecorder;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import io.pixelpolish.operator.status.EventRecorder.Type;
import io.pixelpolish.operator.status.StatusRecorder;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a sweep as child TrainingRuns: expand the spec, observe the children, plan, then create,
 * suspend, resume or stop children and write the status. Children have names fixed by the spec and
 * a controller owner reference, so a restarted operator adopts them instead of creating twins.
 */
@ControllerConfiguration(name = AblationReconciler.NAME)
@RBACRule(
        apiGroups = TrainingRun.GROUP,
        resources = "trainingruns",
        verbs = {"get", "list", "watch", "create", "patch"})
// get and patch count a repeated Event on the first one instead of writing it again.
@RBACRule(
        apiGroups = "",
        resources = "events",
        verbs = {"create", "get", "patch"})
// No Secrets: a sweep's parent run on the default MLflow server uses the operator's own credentials;
// reading a template's own Secret needs a grant in its namespace (README, "Who may do what").
public class AblationReconciler implements Reconciler<Ablation> {
    public static final String NAME = "ablation";

    private final StatusRecorder recorder;
    private final EventRecorder events;
    private final SweepMlflowRuns mlflow;
    private final Duration mlflowRetry;
    private final AdmissionPolicy admission;

    @Inject
    public AblationReconciler(
            StatusRecorder recorder, EventRecorder events, SweepMlflowRuns mlflow, OperatorConfig config) {
        this.recorder = recorder;
        this.events = events;
        this.mlflow = mlflow;
        this.mlflowRetry = config.mlflowRetry();
        this.admission = config.admissionPolicy();
    }

    @Override
    public List<EventSource<?, Ablation>> prepareEventSources(EventSourceContext<Ablation> context) {
        return List.of(new InformerEventSource<>(
                InformerEventSourceConfiguration.from(TrainingRun.class, Ablation.class)
                        .withLabelSelector(RunLabels.MANAGED_SELECTOR + "," + RunLabels.ABLATION)
                        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(Ablation.class, false))
                        .build(),
                context));
    }

    @Override
    public UpdateControl<Ablation> reconcile(Ablation ablation, Context<Ablation> context) {
        // Arms change only the config, so the template says what every run asks for; refused, no
        // run is created and no Secret of the template read.
        List<String> refusals =
                admission.refusals("spec.template", ablation.getSpec().template());
        if (!refusals.isEmpty()) {
            return recorder.record(
                    ablation,
                    SweepPlanner.invalid(ablation, Reason.NotAllowed, String.join("; ", refusals), recorder.now())
                            .status(),
                    Ablation::new);
        }
        ArmExpansion.Result expansion = ArmExpansion.expand(ablation);
        if (expansion.problem().isPresent()) {
            return recorder.record(
                    ablation,
                    SweepPlanner.invalid(
                                    ablation,
                                    Reason.InvalidSpec,
                                    expansion.problem().get(),
                                    recorder.now())
                            .status(),
                    Ablation::new);
        }
        Map<String, TrainingRun> children = new HashMap<>();
        context.getSecondaryResources(TrainingRun.class)
                .forEach(child -> children.put(child.getMetadata().getName(), child));
        SweepPlanner.Plan plan = SweepPlanner.plan(ablation, expansion.runs(), children, recorder.now());
        Optional<MlflowSettings> tracking = Optional.empty();
        SweepMlflowRun parent =
                ablation.getStatus() == null ? null : ablation.getStatus().mlflowParentRun();
        boolean ended = plan.status().phase().finished();
        if (parent == null || ended && !parent.isClosed()) {
            tracking = mlflow.settings(ablation);
        }
        if (parent == null && tracking.isPresent()) {
            // Runs created before MLflow answers are not grouped under the parent: the sweep never waits for MLflow.
            parent = mlflow.openParent(ablation, tracking.get()).orElse(null);
        }

        plan.stop().forEach((name, why) -> {
            context.resourceOperations().jsonPatch(children.get(name), child -> {
                child.getMetadata().getAnnotations().put(SweepPlanner.STOPPED_ANNOTATION, why.text());
                child.setSpec(child.getSpec().withSuspend(true));
                return child;
            });
            events.event(ablation, Type.Normal, why.reason(), "stopped " + name + ": " + why.message());
        });
        plan.suspend()
                .forEach((name, suspend) -> context.resourceOperations().jsonPatch(children.get(name), child -> {
                    child.setSpec(child.getSpec().withSuspend(suspend));
                    return child;
                }));
        String parentRunId = parent == null ? null : parent.runId();
        plan.create()
                .forEach(run -> Creations.ifAbsent(
                        () -> context.resourceOperations().create(child(ablation, run, parentRunId))));

        if (parent != null
                && ended
                && !parent.isClosed()
                && tracking.isPresent()
                && mlflow.close(ablation, parent, plan.status(), tracking.get())) {
            parent = parent.close();
        }
        UpdateControl<Ablation> update =
                recorder.record(ablation, plan.status().withMlflowParentRun(parent), Ablation::new);
        boolean mlflowOwed = tracking.isPresent() && (parent == null || ended && !parent.isClosed());
        return mlflowOwed ? update.rescheduleAfter(mlflowRetry) : update;
    }

    @Override
    public ErrorStatusUpdateControl<Ablation> updateErrorStatus(
            Ablation ablation, Context<Ablation> context, Exception e) {
        return recorder.recordError(ablation, e, SweepPlanner::withConditions, Ablation::new);
    }

    private static TrainingRun child(Ablation ablation, PlannedRun run, String mlflowParentRunId) {
        Map<String, String> labels = RunLabels.of(ablation, "arm");
        labels.put(RunLabels.ABLATION, ablation.getMetadata().getName());
        labels.put(RunLabels.ARM, run.arm());
        RunLabels.queueName(ablation).ifPresent(queue -> labels.put(RunLabels.KUEUE_QUEUE, queue));
        ObjectMeta metadata = Owned.metadata(ablation, run.childName(), labels);
        if (mlflowParentRunId != null) {
            metadata.setAnnotations(new HashMap<>(Map.of(RunLabels.MLFLOW_PARENT_RUN, mlflowParentRunId)));
        }
        TrainingRun child = new TrainingRun();
        child.setMetadata(metadata);
        child.setSpec(run.spec());
        return child;
    }
}
