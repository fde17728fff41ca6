package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** What to train, on what data, where to write, and with which resources. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = TrainingRunSpec.ONLY_SUSPEND_CHANGES,
        message = "only suspend can change once created; to change anything else, delete and re-create the"
                + " resource (a TrainingRun re-created with the same name and output resumes from its checkpoints)")
public record TrainingRunSpec(
        @JsonPropertyDescription(
                        "Trainer container image. Unset: the operator's default for its own version, the CUDA"
                                + " build when resources.gpus > 0.")
                String image,
        @JsonPropertyDescription("Pull policy of the trainer image (Kubernetes default when unset).")
                ImagePullPolicy imagePullPolicy,
        @JsonPropertyDescription(
                        "Trainer configuration: a base config, override maps and single keys. The operator merges"
                                + " them with the trainer's own code when the run starts and freezes the result in the"
                                + " ConfigMap <name>-config.")
                TrainerConfigSpec config,
        @Required @JsonPropertyDescription("Volume with the training images, mounted at /data.") DataVolume data,
        @Required
                @JsonPropertyDescription(
                        "Volume for run folders and checkpoints, mounted at /output; the run writes"
                                + " <path>/<name>/ and resumes from the checkpoints found there.")
                OutputVolume output,
        @JsonPropertyDescription("Compute resources of the trainer container.") ComputeResources resources,
        @JsonPropertyDescription("Node labels the trainer pod must match.") Map<String, String> nodeSelector,
        @JsonPropertyDescription("Tolerations of the trainer pod, e.g. for tainted GPU nodes.")
                List<Toleration> tolerations,
        @JsonPropertyDescription("Affinity of the trainer pod.") Affinity affinity,
        @JsonPropertyDescription("PriorityClass of the trainer pod.") String priorityClassName,
        @JsonPropertyDescription(
                        "ServiceAccount of the trainer pod. Unset: the operator creates <name>-trainer. Either way it"
                                + " is bound to a Role that allows writing only the ConfigMap <name>-progress.")
                String serviceAccountName,
        @JsonPropertyDescription("Experiment tracking (MLflow).") TrackingSpec tracking,
        @Default("false")
                @JsonPropertyDescription(
                        "Suspend the run: its Job is suspended and its pod deleted; setting it back to false resumes"
                                + " from the last checkpoint. With the label kueue.x-k8s.io/queue-name, Kueue decides"
                                + " when a resumed run starts.")
                Boolean suspend,
        @Min(0)
                @Default("" + TrainingRunSpec.DEFAULT_BACKOFF_LIMIT)
                @JsonPropertyDescription(
                        "Failed pods tolerated before the run fails. Evictions and preemptions do not count: the"
                                + " replacement pod resumes from the last checkpoint.")
                Integer backoffLimit,
        @Min(1)
                @JsonPropertyDescription("Seconds the run may take in total before it fails with DeadlineExceeded.")
                Long activeDeadlineSeconds,
        @Min(0)
                @JsonPropertyDescription(
                        "Seconds after the run finishes before its Job and pods are deleted; the TrainingRun, its"
                                + " status and the run folder stay.")
                Integer ttlSecondsAfterFinished,
        @Min(1)
                @JsonPropertyDescription("Save a checkpoint every this many updates (sets checkpoint.interval).")
                Integer checkpointInterval) {

    public static final int DEFAULT_BACKOFF_LIMIT = 3;

    /**
     * A transition rule (it sees oldSelf): the Job's pod template cannot change, and a run must keep
     * the config its checkpoints were written with. Each field must be present in both or in neither,
     * and equal. Written with has() rather than CEL optionals ({@code self.?x == oldSelf.?x}): the API
     * server estimates every optional comparison at its maximal cost and refuses such a CRD.
     */
    static final String ONLY_SUSPEND_CHANGES =
            "(has(self.image) ? has(oldSelf.image) && self.image == oldSelf.image : !has(oldSelf.image))"
            + " && (has(self.imagePullPolicy) ? has(oldSelf.imagePullPolicy) && self.imagePullPolicy == oldSelf.imagePullPolicy : !has(oldSelf.imagePullPolicy))"
            + " && (has(self.config) ? has(oldSelf.config) && self.config == oldSelf.config : !has(oldSelf.config))"
            + " && (has(self.data) ? has(oldSelf.data) && self.data == oldSelf.data : !has(oldSelf.data))"
            + " && (has(self.output) ? has(oldSelf.output) && self.output == oldSelf.output : !has(oldSelf.output))"
            + " && (has(self.resources) ? has(oldSelf.resources) && self.resources == oldSelf.resources : !has(oldSelf.resources))"
            + " && (has(self.nodeSelector) ? has(oldSelf.nodeSelector) && self.nodeSelector == oldSelf.nodeSelector : !has(oldSelf.nodeSelector))"
            + " && (has(self.tolerations) ? has(oldSelf.tolerations) && self.tolerations == oldSelf.tolerations : !has(oldSelf.tolerations))"
            + " && (has(self.affinity) ? has(oldSelf.affinity) && self.affinity == oldSelf.affinity : !has(oldSelf.affinity))"
            + " && (has(self.priorityClassName) ? has(oldSelf.priorityClassName) && self.priorityClassName == oldSelf.priorityClassName : !has(oldSelf.priorityClassName))"
            + " && (has(self.serviceAccountName) ? has(oldSelf.serviceAccountName) && self.serviceAccountName == oldSelf.serviceAccountName : !has(oldSelf.serviceAccountName))"
            + " && (has(self.tracking) ? has(oldSelf.tracking) && self.tracking == oldSelf.tracking : !has(oldSelf.tracking))"
            + " && (has(self.backoffLimit) ? has(oldSelf.backoffLimit) && self.backoffLimit == oldSelf.backoffLimit : !has(oldSelf.backoffLimit))"
            + " && (has(self.activeDeadlineSeconds) ? has(oldSelf.activeDeadlineSeconds) && self.activeDeadlineSeconds == oldSelf.activeDeadlineSeconds : !has(oldSelf.activeDeadlineSeconds))"
            + " && (has(self.ttlSecondsAfterFinished) ? has(oldSelf.ttlSecondsAfterFinished) && self.ttlSecondsAfterFinished == oldSelf.ttlSecondsAfterFinished : !has(oldSelf.ttlSecondsAfterFinished))"
            + " && (has(self.checkpointInterval) ? has(oldSelf.checkpointInterval) && self.checkpointInterval == oldSelf.checkpointInterval : !has(oldSelf.checkpointInterval))";

    /** This spec with another config and suspend flag: an Ablation's child is its template so changed. */
    public TrainingRunSpec withConfig(TrainerConfigSpec newConfig, boolean newSuspend) {
        return new TrainingRunSpec(image, imagePullPolicy, newConfig, data, output, resources, nodeSelector,
                tolerations, affinity, priorityClassName, serviceAccountName, tracking, newSuspend, backoffLimit,
                activeDeadlineSeconds, ttlSecondsAfterFinished, checkpointInterval);
    }

    public TrainingRunSpec withSuspend(boolean newSuspend) {
        return withConfig(config, newSuspend);
    }

    public boolean suspended() {
        return Boolean.TRUE.equals(suspend);
    }

    public int gpus() {
        return resources == null ? 0 : resources.gpuCount();
    }

    public int effectiveBackoffLimit() {
        return backoffLimit == null ? DEFAULT_BACKOFF_LIMIT : backoffLimit;
    }

    public TrainerConfigSpec effectiveConfig() {
        return config == null ? TrainerConfigSpec.BUILTIN_BASE : config;
    }
}
