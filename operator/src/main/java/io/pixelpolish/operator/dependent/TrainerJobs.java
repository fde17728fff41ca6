package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMapVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.pixelpolish.contract.ExitCodes;
import io.pixelpolish.contract.TrainerEnvironment;
import io.pixelpolish.operator.api.ComputeResources;
import io.pixelpolish.operator.api.TrackingSpec;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunSpec;
import io.pixelpolish.operator.api.ValidationSpec;
import io.pixelpolish.operator.config.GpuDefaults;
import io.pixelpolish.operator.config.TrainerImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The desired trainer Job of a TrainingRun: {@code trainer-job.yaml} completed from the spec. */
public final class TrainerJobs {
    public static final String CONTAINER = "trainer";
    public static final String CONFIG_DIR = "/etc/pixelpolish";
    private static final String VALIDATION_VOLUME = "validation";
    static final String POD_REPLACEMENT_POLICY = "Failed";
    /**
     * Longer than the trainer's own wait after SIGTERM, so the kubelet never kills it while it
     * writes its stop checkpoint (Kubernetes' default, 30 s, is shorter).
     */
    static final long TERMINATION_GRACE_SECONDS = ExitCodes.STOP_WAIT_SECONDS + 30L;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final String TEMPLATE = loadTemplate();

    private final TrainerImages images;
    private final GpuDefaults gpu;
    private final TrackingSpec trackingDefaults;

    public TrainerJobs(TrainerImages images, GpuDefaults gpu, TrackingSpec trackingDefaults) {
        this.images = images;
        this.gpu = gpu;
        this.trackingDefaults = trackingDefaults;
    }

    public Job desired(TrainingRun run) {
        TrainingRunSpec spec = run.getSpec();
        Job job = SERIALIZATION.unmarshal(TEMPLATE, Job.class);
        job.setMetadata(Owned.metadata(run, RunResourceNames.job(run), RunLabels.ofTrainer(run)));

        JobSpec jobSpec = job.getSpec();
        jobSpec.setSuspend(initiallySuspended(run));
        jobSpec.setBackoffLimit(spec.effectiveBackoffLimit());
        jobSpec.setActiveDeadlineSeconds(spec.activeDeadlineSeconds());
        jobSpec.setTtlSecondsAfterFinished(spec.ttlSecondsAfterFinished());
        jobSpec.setPodFailurePolicy(podFailurePolicy());
        // The replacement of a pod that is being deleted starts only once the old one is gone, so
        // two pods of one Job never write the run folder at the same time.
        jobSpec.setPodReplacementPolicy(POD_REPLACEMENT_POLICY);
        jobSpec.getTemplate()
                .setMetadata(new ObjectMetaBuilder()
                        .withLabels(RunLabels.ofTrainer(run))
                        .build());

        PodSpec pod = jobSpec.getTemplate().getSpec();
        pod.setTerminationGracePeriodSeconds(TERMINATION_GRACE_SECONDS);
        pod.setServiceAccountName(RunResourceNames.trainerServiceAccount(run));
        pod.setNodeSelector(spec.nodeSelector());
        pod.setTolerations(spec.tolerations());
        pod.setAffinity(spec.affinity());
        pod.setPriorityClassName(spec.priorityClassName());
        pod.getVolumes().addAll(runVolumes(run));

        Container trainer = pod.getContainers().get(0);
        trainer.setName(CONTAINER);
        trainer.setImage(images.imageFor(spec));
        trainer.setImagePullPolicy(
                spec.imagePullPolicy() == null ? null : spec.imagePullPolicy().name());
        trainer.setArgs(trainArgs(run));
        trainer.getEnv()
                .add(new EnvVarBuilder()
                        .withName(TrainerEnvironment.NAMESPACE)
                        .withNewValueFrom()
                        .withNewFieldRef()
                        .withFieldPath("metadata.namespace")
                        .endFieldRef()
                        .endValueFrom()
                        .build());
        trainer.getEnv()
                .add(new EnvVar(TrainerEnvironment.PROGRESS_CONFIGMAP, RunResourceNames.progressConfigMap(run), null));
        trainer.getEnv().addAll(identityEnv(run, trainer.getImage()));
        TrackingSpec tracking = TrackingSpec.merged(spec.tracking(), trackingDefaults);
        if (tracking.credentialsSecretRef() != null) {
            trainer.getEnv()
                    .addAll(credentialsEnv(tracking.credentialsSecretRef().name()));
        }
        trainer.setResources(resources(spec.resources()));
        Boolean dataReadOnly = readOnlyFlag(spec);
        trainer.getVolumeMounts().stream()
                .filter(mount -> mount.getName().equals("data"))
                .forEach(mount -> mount.setReadOnly(dataReadOnly));
        if (spec.validation() != null && spec.validation().ownVolume()) {
            trainer.getVolumeMounts()
                    .add(new VolumeMountBuilder()
                            .withName(VALIDATION_VOLUME)
                            .withMountPath(ValidationSpec.MOUNT)
                            .withReadOnly(true)
                            .build());
        }
        return job;
    }

    /**
     * A config, data or usage error, which the trainer reports by {@link ExitCodes#INVALID_INPUT},
     * fails the Job at once: retrying cannot help. An evicted or preempted pod is not a failure of
     * the run, nor is a trainer that stopped on SIGTERM ({@link ExitCodes#STOPPED}, e.g. a pod
     * deleted by hand or a node drained without an eviction): the replacement resumes from the
     * stop checkpoint without using the budget.
     */
    private static PodFailurePolicy podFailurePolicy() {
        return new PodFailurePolicyBuilder()
                .addNewRule()
                .withAction("FailJob")
                .withNewOnExitCodes()
                .withContainerName(CONTAINER)
                .withOperator("In")
                .withValues(ExitCodes.INVALID_INPUT)
                .endOnExitCodes()
                .endRule()
                .addNewRule()
                .withAction("Ignore")
                .withNewOnExitCodes()
                .withContainerName(CONTAINER)
                .withOperator("In")
                .withValues(ExitCodes.STOPPED)
                .endOnExitCodes()
                .endRule()
                .addNewRule()
                .withAction("Ignore")
                .addNewOnPodCondition()
                .withType("DisruptionTarget")
                .endOnPodCondition()
                .endRule()
                .build();
    }

    /**
     * One variable per MLflow credential key, each optional (a Secret holds a token or a user and
     * password). Never the whole Secret: its other keys could set JAVA_TOOL_OPTIONS or PATH.
     */
    private static List<EnvVar> credentialsEnv(String secret) {
        return TrainerEnvironment.MLFLOW_CREDENTIALS.stream()
                .map(key -> new EnvVarBuilder()
                        .withName(key)
                        .withNewValueFrom()
                        .withNewSecretKeyRef(key, secret, true)
                        .endValueFrom()
                        .build())
                .toList();
    }

    /**
     * Who the run is, for the tags of its MLflow run: the TrainingRun, its Ablation, arm and MLflow
     * parent run when a sweep made it, and the image (the namespace comes from the downward API).
     */
    private static List<EnvVar> identityEnv(TrainingRun run, String image) {
        Map<String, String> labels = run.getMetadata().getLabels() == null
                ? Map.of()
                : run.getMetadata().getLabels();
        Map<String, String> annotations = run.getMetadata().getAnnotations() == null
                ? Map.of()
                : run.getMetadata().getAnnotations();
        Map<String, String> env = new LinkedHashMap<>();
        env.put(TrainerEnvironment.TRAINING_RUN, run.getMetadata().getName());
        env.put(TrainerEnvironment.IMAGE, image);
        env.put(TrainerEnvironment.ABLATION, labels.get(RunLabels.ABLATION));
        env.put(TrainerEnvironment.ARM, labels.get(RunLabels.ARM));
        env.put(TrainerEnvironment.MLFLOW_PARENT_RUN_ID, annotations.get(RunLabels.MLFLOW_PARENT_RUN));
        List<EnvVar> vars = new ArrayList<>();
        env.forEach((name, value) -> {
            if (value != null) {
                vars.add(new EnvVar(name, value, null));
            }
        });
        return vars;
    }

    /**
     * Suspended from the start when asked to be, and when Kueue manages the Job: Kueue unsuspends
     * it on admission, and a Job that starts unsuspended could run pods before Kueue sees it.
     */
    private static boolean initiallySuspended(TrainingRun run) {
        return run.getSpec().suspended() || RunLabels.queueName(run).isPresent();
    }

    /** The same arguments serve the first start and every replacement pod, thanks to --resume. */
    static List<String> trainArgs(TrainingRun run) {
        TrainingRunSpec spec = run.getSpec();
        return List.of(
                "train",
                "--config",
                CONFIG_DIR + "/" + TrainerConfigMaps.CONFIG_KEY,
                "--data-root",
                spec.data().mountedPath(),
                "--output-dir",
                spec.output().mountedPath(),
                "--run-name",
                run.getMetadata().getName(),
                "--resume");
    }

    /** Absent rather than false, the way Kubernetes itself writes an unset flag. */
    private static Boolean readOnlyFlag(TrainingRunSpec spec) {
        return spec.data().mountReadOnly() ? Boolean.TRUE : null;
    }

    private static List<Volume> runVolumes(TrainingRun run) {
        TrainingRunSpec spec = run.getSpec();
        List<Volume> volumes = new ArrayList<>();
        volumes.add(new VolumeBuilder()
                .withName("config")
                .withConfigMap(new ConfigMapVolumeSourceBuilder()
                        .withName(RunResourceNames.configMap(run))
                        .build())
                .build());
        volumes.add(new VolumeBuilder()
                .withName("data")
                .withNewPersistentVolumeClaim(spec.data().claimName(), readOnlyFlag(spec))
                .build());
        if (spec.validation() != null && spec.validation().ownVolume()) {
            // Always read-only: validation only reads, and a run must not change the ruler it is measured by.
            volumes.add(new VolumeBuilder()
                    .withName(VALIDATION_VOLUME)
                    .withNewPersistentVolumeClaim(spec.validation().claimName(), true)
                    .build());
        }
        volumes.add(new VolumeBuilder()
                .withName("output")
                .withNewPersistentVolumeClaim(spec.output().claimName(), null)
                .build());
        return volumes;
    }

    /**
     * Memory is both request and limit: a trainer over its request would otherwise be the first
     * evicted under node pressure, and an OOMKilled run says so in its status. CPU has no limit, so
     * throttling never slows the data loader.
     */
    private ResourceRequirements resources(ComputeResources resources) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        boolean gpus = resources != null && resources.gpuCount() > 0;
        Quantity cpu = resources != null && resources.cpu() != null
                ? resources.cpu()
                : gpus ? gpu.cpu().orElse(null) : null;
        Quantity memory = resources != null && resources.memory() != null
                ? resources.memory()
                : gpus ? gpu.memory().orElse(null) : null;
        if (cpu != null) {
            requests.put("cpu", cpu);
        }
        if (memory != null) {
            requests.put("memory", memory);
            limits.put("memory", memory);
        }
        if (gpus) {
            limits.put(gpu.resourceName(), new Quantity(Integer.toString(resources.gpuCount())));
        }
        ResourceRequirements requirements = new ResourceRequirements();
        requirements.setRequests(requests);
        requirements.setLimits(limits);
        return requirements;
    }

    private static String loadTemplate() {
        try (InputStream in = TrainerJobs.class.getResourceAsStream("trainer-job.yaml")) {
            if (in == null) {
                throw new IllegalStateException("trainer-job.yaml is missing from the operator jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
