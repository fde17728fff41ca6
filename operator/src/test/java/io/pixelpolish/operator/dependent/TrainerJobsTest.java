package io.pixelpolish.operator.dependent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.pixelpolish.contract.ExitCodes;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.ComputeResources;
import io.pixelpolish.operator.api.SecretRef;
import io.pixelpolish.operator.api.TrackingSpec;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunSpec;
import io.pixelpolish.operator.api.ValidationSpec;
import io.pixelpolish.operator.config.GpuDefaults;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainerJobsTest {
    private final TrainerJobs jobs = new TrainerJobs(
            Fixtures.IMAGES,
            new GpuDefaults(GpuDefaults.NVIDIA_GPU, Optional.empty(), Optional.empty()),
            Fixtures.NO_TRACKING_DEFAULTS);

    @Test
    void gpuRunGetsTheCudaImageTheGpuLimitAndTheContractArgs() {
        TrainingRun run = Fixtures.trainingRun("denoise", Fixtures.runSpec());

        Job job = jobs.desired(run);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container trainer = pod.getContainers().get(0);

        assertThat(job.getMetadata().getName()).isEqualTo("denoise");
        assertThat(trainer.getName()).isEqualTo("trainer");
        assertThat(trainer.getImage()).isEqualTo(Fixtures.IMAGES.cuda());
        assertThat(trainer.getCommand()).isEmpty();
        assertThat(trainer.getArgs())
                .containsExactly(
                        "train",
                        "--config",
                        "/etc/pixelpolish/config.yaml",
                        "--data-root",
                        "/data/photos",
                        "--output-dir",
                        "/output/ablations",
                        "--run-name",
                        "denoise",
                        "--resume");
        assertThat(trainer.getResources().getLimits())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("nvidia.com/gpu", new Quantity("1"), "memory", new Quantity("16Gi")));
        assertThat(trainer.getResources().getRequests())
                .containsExactlyInAnyOrderEntriesOf(Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi")));
        assertThat(trainer.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(TrainingRunSpec.DEFAULT_BACKOFF_LIMIT);
        assertThat(job.getSpec().getSuspend()).isFalse();
    }

    @Test
    void podIsLockedDown() {
        Job job = jobs.desired(Fixtures.trainingRun("denoise", Fixtures.runSpec()));
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        var container = pod.getContainers().get(0).getSecurityContext();

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(1000L);
        assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(1000L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getRunAsNonRoot()).isTrue();
        assertThat(container.getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getPrivileged()).isNull();
    }

    @Test
    void volumesEnvAndServiceAccountFollowTheContract() {
        Job job = jobs.desired(Fixtures.trainingRun("denoise", Fixtures.runSpec()));
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container trainer = pod.getContainers().get(0);
        Map<String, Volume> volumes = new java.util.HashMap<>();
        pod.getVolumes().forEach(v -> volumes.put(v.getName(), v));

        assertThat(volumes.get("config").getConfigMap().getName()).isEqualTo("denoise-config");
        assertThat(volumes.get("data").getPersistentVolumeClaim().getClaimName())
                .isEqualTo("images");
        assertThat(volumes.get("data").getPersistentVolumeClaim().getReadOnly()).isTrue();
        assertThat(volumes.get("output").getPersistentVolumeClaim().getClaimName())
                .isEqualTo("runs");
        assertThat(volumes.get("tmp").getEmptyDir()).isNotNull();
        assertThat(trainer.getVolumeMounts())
                .extracting(m -> m.getName() + ":" + m.getMountPath() + ":" + m.getReadOnly())
                .containsExactlyInAnyOrder(
                        "config:/etc/pixelpolish:true", "data:/data:true", "output:/output:null", "tmp:/tmp:null");
        assertThat(trainer.getEnv())
                .extracting(e -> e.getName() + "="
                        + (e.getValue() != null
                                ? e.getValue()
                                : e.getValueFrom().getFieldRef().getFieldPath()))
                .containsExactly(
                        "HOME=/tmp",
                        "DJL_CACHE_DIR=/tmp/djl",
                        "PIXELPOLISH_NAMESPACE=metadata.namespace",
                        "PIXELPOLISH_PROGRESS_CONFIGMAP=denoise-progress",
                        "PIXELPOLISH_TRAINING_RUN=denoise",
                        "PIXELPOLISH_IMAGE=" + trainer.getImage());
        assertThat(pod.getServiceAccountName()).isEqualTo("denoise-trainer");
        assertThat(pod.getAutomountServiceAccountToken()).isTrue();
    }

    @Test
    void validationSetsOnAClaimOfTheirOwnAreMountedReadOnlyAndOnTheDataClaimNeedNoVolume() {
        TrainingRunSpec spec =
                Fixtures.runSpec(new ValidationSpec("val-sets", "lowlight", null, null, null, null, null), null, null);
        PodSpec pod = jobs.desired(Fixtures.trainingRun("validated", spec))
                .getSpec()
                .getTemplate()
                .getSpec();

        assertThat(pod.getVolumes())
                .filteredOn(v -> v.getName().equals("validation"))
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("val-sets");
                    assertThat(v.getPersistentVolumeClaim().getReadOnly()).isTrue();
                });
        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .extracting(m -> m.getName() + ":" + m.getMountPath() + ":" + m.getReadOnly())
                .contains("validation:/validation:true");

        PodSpec onData = jobs.desired(Fixtures.trainingRun("on-data", Fixtures.validatedRunSpec()))
                .getSpec()
                .getTemplate()
                .getSpec();
        assertThat(onData.getVolumes()).extracting(Volume::getName).doesNotContain("validation");
    }

    @Test
    void anArmOfASweepTellsTheTrainerItsAblationArmAndMlflowParentRun() {
        TrainingRun run = Fixtures.trainingRun("sweep-grpo-r0", Fixtures.runSpec());
        run.getMetadata().setLabels(Map.of(RunLabels.ABLATION, "sweep", RunLabels.ARM, "grpo"));
        run.getMetadata().setAnnotations(Map.of(RunLabels.MLFLOW_PARENT_RUN, "0123abcd"));

        Container trainer = jobs.desired(run)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);

        assertThat(trainer.getEnv())
                .extracting(e -> e.getName() + "=" + e.getValue())
                .contains(
                        "PIXELPOLISH_TRAINING_RUN=sweep-grpo-r0",
                        "PIXELPOLISH_ABLATION=sweep",
                        "PIXELPOLISH_ARM=grpo",
                        "PIXELPOLISH_MLFLOW_PARENT_RUN_ID=0123abcd");
    }

    @Test
    void ownerReferenceAndLabelsTieTheJobToItsRun() {
        TrainingRun run = Fixtures.trainingRun("denoise", Fixtures.runSpec());
        run.getMetadata().setLabels(Map.of(RunLabels.KUEUE_QUEUE, "gpu-queue"));

        Job job = jobs.desired(run);

        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("TrainingRun");
            assertThat(ref.getApiVersion()).isEqualTo("pixelpolish.io/v1alpha1");
            assertThat(ref.getName()).isEqualTo("denoise");
            assertThat(ref.getUid()).isEqualTo(run.getMetadata().getUid());
            assertThat(ref.getController()).isTrue();
        });
        assertThat(job.getMetadata().getLabels())
                .containsEntry("pixelpolish.io/run", "denoise")
                .containsEntry("app.kubernetes.io/managed-by", "pixelpolish-operator")
                .containsEntry("app.kubernetes.io/instance", "denoise")
                .containsEntry("kueue.x-k8s.io/queue-name", "gpu-queue");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("pixelpolish.io/run", "denoise");
        assertThat(job.getSpec().getSuspend())
                .as("Kueue admits queued Jobs by unsuspending them")
                .isTrue();
    }

    @Test
    void cpuRunWithTrackingSecretAndExplicitImage() {
        TrainingRunSpec cpu = Fixtures.runSpec();
        cpu = new TrainingRunSpec(
                null,
                null,
                cpu.config(),
                cpu.data(),
                cpu.output(),
                new ComputeResources(0, null, null),
                Map.of("pool", "cpu"),
                null,
                null,
                "batch-low",
                "trainer-sa",
                new TrackingSpec("http://mlflow:5000", "denoise", new SecretRef("mlflow-creds")),
                true,
                1,
                3600L,
                600,
                50,
                null,
                null,
                null);
        Job job = jobs.desired(Fixtures.trainingRun("cpu-run", cpu));
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        Container trainer = pod.getContainers().get(0);

        assertThat(trainer.getImage()).isEqualTo(Fixtures.IMAGES.cpu());
        assertThat(trainer.getResources().getLimits()).isEmpty();
        assertThat(trainer.getEnvFrom()).as("never a whole Secret").isEmpty();
        assertThat(trainer.getEnv())
                .filteredOn(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .extracting(
                        EnvVar::getName,
                        e -> e.getValueFrom().getSecretKeyRef().getName(),
                        e -> e.getValueFrom().getSecretKeyRef().getKey(),
                        e -> e.getValueFrom().getSecretKeyRef().getOptional())
                .containsExactly(
                        tuple("MLFLOW_TRACKING_TOKEN", "mlflow-creds", "MLFLOW_TRACKING_TOKEN", true),
                        tuple("MLFLOW_TRACKING_USERNAME", "mlflow-creds", "MLFLOW_TRACKING_USERNAME", true),
                        tuple("MLFLOW_TRACKING_PASSWORD", "mlflow-creds", "MLFLOW_TRACKING_PASSWORD", true));
        assertThat(pod.getServiceAccountName()).isEqualTo("trainer-sa");
        assertThat(pod.getNodeSelector()).containsEntry("pool", "cpu");
        assertThat(pod.getPriorityClassName()).isEqualTo("batch-low");
        assertThat(job.getSpec().getSuspend()).isTrue();
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(1);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(3600L);
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(600);

        TrainingRunSpec pinned = new TrainingRunSpec(
                "registry.local/trainer:dev",
                io.pixelpolish.operator.api.ImagePullPolicy.Always,
                cpu.config(),
                cpu.data(),
                cpu.output(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        Container pinnedTrainer = jobs.desired(Fixtures.trainingRun("pinned", pinned))
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
        assertThat(pinnedTrainer.getImage()).isEqualTo("registry.local/trainer:dev");
        assertThat(pinnedTrainer.getImagePullPolicy()).isEqualTo("Always");
    }

    @Test
    void podFailurePolicyFailsFastOnConfigErrorsAndIgnoresEvictionsAndStops() {
        Job job = jobs.desired(Fixtures.trainingRun("denoise", Fixtures.runSpec()));
        var rules = job.getSpec().getPodFailurePolicy().getRules();

        assertThat(rules).hasSize(3);
        assertThat(rules.get(0).getAction()).isEqualTo("FailJob");
        assertThat(rules.get(0).getOnExitCodes().getValues()).containsExactly(2);
        assertThat(rules.get(0).getOnExitCodes().getContainerName()).isEqualTo("trainer");
        assertThat(rules.get(1).getAction()).isEqualTo("Ignore");
        assertThat(rules.get(1).getOnExitCodes().getValues())
                .as("SIGTERM: the trainer checkpointed and stopped")
                .containsExactly(ExitCodes.STOPPED);
        assertThat(rules.get(2).getAction()).isEqualTo("Ignore");
        assertThat(rules.get(2).getOnPodConditions())
                .singleElement()
                .satisfies(c -> assertThat(c.getType()).isEqualTo("DisruptionTarget"));
    }

    @Test
    void aStoppingTrainerHasTimeForItsCheckpointAndNoReplacementStartsBeforeItIsGone() {
        Job job = jobs.desired(Fixtures.trainingRun("denoise", Fixtures.runSpec()));

        assertThat(job.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isGreaterThan((long) ExitCodes.STOP_WAIT_SECONDS);
        assertThat(job.getSpec().getPodReplacementPolicy()).isEqualTo("Failed");
    }

    @Test
    void theDefaultCredentialsGoOnlyToTheDefaultServer() {
        TrainerJobs operatorWithMlflow = new TrainerJobs(
                Fixtures.IMAGES,
                new GpuDefaults(GpuDefaults.NVIDIA_GPU, Optional.empty(), Optional.empty()),
                new TrackingSpec("http://mlflow.tools:5000", null, new SecretRef("mlflow-credentials")));
        TrainingRunSpec ownServer = Fixtures.withMlflow(Fixtures.runSpec(), "http://elsewhere:5000", "exp");
        TrainingRunSpec defaultServer = Fixtures.withMlflow(Fixtures.runSpec(), null, "exp");

        assertThat(secretsOf(operatorWithMlflow.desired(Fixtures.trainingRun("own", ownServer))))
                .as("a run that chose its own server gets no default credentials")
                .isEmpty();
        assertThat(secretsOf(operatorWithMlflow.desired(Fixtures.trainingRun("default", defaultServer))))
                .containsOnly("mlflow-credentials");
        TrainerJobs operatorWithoutServer = new TrainerJobs(
                Fixtures.IMAGES,
                new GpuDefaults(GpuDefaults.NVIDIA_GPU, Optional.empty(), Optional.empty()),
                new TrackingSpec(null, null, new SecretRef("mlflow-credentials")));
        assertThat(secretsOf(operatorWithoutServer.desired(Fixtures.trainingRun("default", defaultServer))))
                .as("without a default server, the config could send them anywhere")
                .isEmpty();
    }

    private static List<String> secretsOf(Job job) {
        return job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getName())
                .toList();
    }

    @Test
    void operatorDefaultsFillWhatAGpuRunLeavesOpen() {
        TrackingSpec operatorMlflow =
                new TrackingSpec("http://mlflow.tools:5000", null, new SecretRef("mlflow-credentials"));
        TrainerJobs cluster = new TrainerJobs(
                Fixtures.IMAGES,
                new GpuDefaults("amd.com/gpu", Optional.of(new Quantity("8")), Optional.of(new Quantity("32Gi"))),
                operatorMlflow);
        TrainingRun run = Fixtures.trainingRun("gpu-run", Fixtures.runSpec(new ComputeResources(2, null, null)));

        Container trainer = cluster.desired(run)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);

        assertThat(trainer.getResources().getLimits())
                .containsKey("amd.com/gpu")
                .containsEntry("memory", new Quantity("32Gi"));
        assertThat(trainer.getResources().getRequests()).containsEntry("cpu", new Quantity("8"));
        assertThat(secretsOf(cluster.desired(run))).containsOnly("mlflow-credentials");
    }
}
