package io.pixelpolish.operator.kube;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Plays the kubelet for the pods the Job controller creates, which no node ever runs here: it
 * reports the trainer container running or terminated through the pods/status subresource, and
 * the Job controller turns that into Job conditions as it would in a cluster.
 */
public final class Kubelet {
    private static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

    private final KubernetesClient client;
    private final String namespace;

    public Kubelet(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The pod the Job controller created for {@code job} and that has not finished yet. */
    public Pod awaitActivePod(String job) {
        await("an active pod of Job " + job).until(() -> activePods(job), pods -> !pods.isEmpty());
        return activePods(job).get(0);
    }

    public Pod running(Pod pod) {
        return report(
                pod,
                "Running",
                new ContainerStateBuilder()
                        .withNewRunning()
                        .withStartedAt(now())
                        .endRunning()
                        .build());
    }

    /** The trainer exited: phase Succeeded for exit code 0, else Failed, with the message it wrote. */
    public Pod exited(Pod pod, int exitCode, String terminationMessage) {
        return report(
                pod,
                exitCode == 0 ? "Succeeded" : "Failed",
                new ContainerStateBuilder()
                        .withNewTerminated()
                        .withExitCode(exitCode)
                        .withReason(exitCode == 0 ? "Completed" : "Error")
                        .withMessage(terminationMessage)
                        .withStartedAt(now())
                        .withFinishedAt(now())
                        .endTerminated()
                        .build());
    }

    private Pod report(Pod pod, String phase, ContainerState state) {
        return client.pods()
                .inNamespace(namespace)
                .withName(pod.getMetadata().getName())
                .editStatus(current -> {
                    PodStatus status = current.getStatus() == null ? new PodStatus() : current.getStatus();
                    status.setPhase(phase);
                    status.setStartTime(status.getStartTime() == null ? now() : status.getStartTime());
                    status.setContainerStatuses(current.getSpec().getContainers().stream()
                            .map(container -> new ContainerStatusBuilder()
                                    .withName(container.getName())
                                    .withImage(container.getImage())
                                    .withImageID("")
                                    .withReady("Running".equals(phase))
                                    .withRestartCount(0)
                                    .withState(state)
                                    .build())
                            .toList());
                    current.setStatus(status);
                    return current;
                });
    }

    private List<Pod> activePods(String job) {
        return client.pods().inNamespace(namespace).withLabel(JOB_NAME_LABEL, job).list().getItems().stream()
                .filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
                .filter(pod -> pod.getStatus() == null
                        || !List.of("Succeeded", "Failed")
                                .contains(pod.getStatus().getPhase()))
                .toList();
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
