package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.pixelpolish.contract.metrics.Metric;
import java.util.List;
import java.util.Map;

/**
 * What to train, on what data, where to write, and with which resources. Only suspend can change
 * once the run exists: the CRD carries a rule generated from these components ({@code crd.FixedSpecRule}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingRunSpec(
        @JsonPropertyDescription("Trainer container image. Unset: the operator's default for its own version, the CUDA"
                + " build when resources.gpus > 0.")
        String image,

        @JsonPropertyDescription("Pull policy of the trainer image (Kubernetes default when unset).")
        ImagePullPolicy imagePullPolicy,

        @JsonPropertyDescription(
                "Trainer configuration: a base config, override maps and single keys. The operator merges"
                        + " them with the trainer's own code when the run starts and freezes the result in the"
                        + " ConfigMap <name>-config.")
        TrainerConfigSpec config,

        @Required @JsonPropertyDescription("Volume with the training images, mounted at /data.")
        DataVolume data,

        @Required
        @JsonPropertyDescription("Volume for run folders and checkpoints, mounted at /output; the run writes"
                + " <path>/<name>/ and resumes from the checkpoints found there.")
        OutputVolume output,

        @JsonPropertyDescription("Compute resources of the trainer container.")
        ComputeResources resources,

        @JsonPropertyDescription("Node labels the trainer pod must match.")
        Map<String, String> nodeSelector,

        @JsonPropertyDescription("Tolerations of the trainer pod, e.g. for tainted GPU nodes.")
        List<Toleration> tolerations,

        @JsonPropertyDescription("Affinity of the trainer pod.")
        Affinity affinity,

        @JsonPropertyDescription("PriorityClass of the trainer pod.")
        String priorityClassName,

        @JsonPropertyDescription(
                "ServiceAccount of the trainer pod. Unset: the operator creates <name>-trainer. Either way it"
                        + " is bound to a Role that allows writing only the ConfigMap <name>-progress.")
        String serviceAccountName,

        @JsonPropertyDescription("Experiment tracking (MLflow).")
        TrackingSpec tracking,

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

        @Min(1) @JsonPropertyDescription("Seconds the run may take in total before it fails with DeadlineExceeded.")
        Long activeDeadlineSeconds,

        @Min(0)
        @JsonPropertyDescription(
                "Seconds after the run finishes before its Job and pods are deleted; the TrainingRun, its"
                        + " status and the run folder stay.")
        Integer ttlSecondsAfterFinished,

        @Min(1) @JsonPropertyDescription("Save a checkpoint every this many updates (sets checkpoint.interval).")
        Integer checkpointInterval,

        @JsonPropertyDescription(
                "Validation while training: the deterministic policy on images it does not train on, scored by"
                        + " fixed measures rather than the reward, every few updates (the trainer's validation"
                        + " section). The measures reach status.validation; an Ablation whose template has"
                        + " validation ranks its arms by val/quality unless its objective says otherwise.")
        ValidationSpec validation,

        @Pattern(TrainingRunSpec.CHECKPOINT_BEST_PATTERN)
        @JsonPropertyDescription("The metric best.ckpt follows (sets checkpoint.best): a validation key such as"
                + " val/quality, val/niqe or val/SET/psnr, or eval/greedy_reward.")
        String checkpointBest,

        @JsonPropertyDescription(
                "Stop training when the trainer suspects reward hacking (sets train.stop_on_hacking): it saves a"
                        + " checkpoint and exits, and the run ends Failed with reason RewardHacking. Unset: the"
                        + " config's train.stop_on_hacking; either way the RewardHacking condition reports it.")
        Boolean stopOnRewardHacking) {

    /** Annotations need constants: the contract's validation keys, or the greedy reward. */
    static final String CHECKPOINT_BEST_PATTERN = "^eval/greedy_reward$|" + Metric.VALIDATION_KEY_PATTERN;

    public static final int DEFAULT_BACKOFF_LIMIT = 3;

    /** This spec with another config and suspend flag: an Ablation's child is its template so changed. */
    public TrainingRunSpec withConfig(TrainerConfigSpec newConfig, boolean newSuspend) {
        return new TrainingRunSpec(
                image,
                imagePullPolicy,
                newConfig,
                data,
                output,
                resources,
                nodeSelector,
                tolerations,
                affinity,
                priorityClassName,
                serviceAccountName,
                tracking,
                newSuspend,
                backoffLimit,
                activeDeadlineSeconds,
                ttlSecondsAfterFinished,
                checkpointInterval,
                validation,
                checkpointBest,
                stopOnRewardHacking);
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
