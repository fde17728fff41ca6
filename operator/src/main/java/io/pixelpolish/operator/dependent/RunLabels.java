package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Labels on everything the operator creates, and the selectors its informers watch with. */
public final class RunLabels {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String OPERATOR = "pixelpolish-operator";
    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String PART_OF = "app.kubernetes.io/part-of";
    public static final String RUN = "pixelpolish.io/run";
    public static final String ABLATION = "pixelpolish.io/ablation";
    public static final String ARM = "pixelpolish.io/arm";
    /** Kueue admits the Job by this label; copied from the TrainingRun (or Ablation) as it is. */
    public static final String KUEUE_QUEUE = "kueue.x-k8s.io/queue-name";

    /**
     * Annotation on an Ablation's TrainingRun: the MLflow run its trainer records under, as a child,
     * so the MLflow UI groups the sweep.
     */
    public static final String MLFLOW_PARENT_RUN = "pixelpolish.io/mlflow-parent-run-id";

    /** Selects only what this operator created, so informers do not cache the whole cluster. */
    public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

    private RunLabels() {}

    /** The labels of a resource that belongs to {@code owner}, a TrainingRun or Ablation. */
    public static Map<String, String> of(HasMetadata owner, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, "pixelpolish");
        labels.put(INSTANCE, owner.getMetadata().getName());
        labels.put(COMPONENT, component);
        labels.put(PART_OF, "pixelpolish");
        labels.put(MANAGED_BY, OPERATOR);
        return labels;
    }

    /** Labels of the trainer Job and its pods; the run label lets pod events find their run. */
    public static Map<String, String> ofTrainer(HasMetadata run) {
        Map<String, String> labels = of(run, "trainer");
        labels.put(RUN, run.getMetadata().getName());
        queueName(run).ifPresent(queue -> labels.put(KUEUE_QUEUE, queue));
        return labels;
    }

    public static Optional<String> queueName(HasMetadata resource) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return Optional.ofNullable(labels == null ? null : labels.get(KUEUE_QUEUE));
    }
}
