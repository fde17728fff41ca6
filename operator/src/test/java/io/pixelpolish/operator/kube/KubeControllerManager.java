package io.pixelpolish.operator.kube;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * kube-controller-manager with the controllers the operator relies on: the garbage collector
 * (owner references, cascading deletion), the Job controller (pods, podFailurePolicy, Job
 * conditions), the TTL controller (ttlSecondsAfterFinished) and the quota controller (the usage
 * that quota admission refuses a create by). No scheduler or kubelet runs, so
 * the Job controller's pods stay Pending until a test reports their state (see {@link Kubelet}).
 */
final class KubeControllerManager implements AutoCloseable {
    static final String BINARY = "kube-controller-manager";
    private static final String CONTROLLERS =
            "garbage-collector-controller,job-controller,ttl-after-finished-controller,resourcequota-controller";

    private final Process process;

    private KubeControllerManager(Process process) {
        this.process = process;
    }

    /** Returns once it leads, i.e. its controllers are starting; fails with its log if it exits. */
    static KubeControllerManager start(Path binary, Path kubeconfig, Path log, KubernetesClient client) {
        Process process;
        try {
            process = new ProcessBuilder(List.of(
                            binary.toString(),
                            "--kubeconfig=" + kubeconfig,
                            "--controllers=" + CONTROLLERS,
                            // Nothing scrapes it, and a fixed port could clash with another test run.
                            "--secure-port=0"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KubeControllerManager manager = new KubeControllerManager(process);
        try {
            await("kube-controller-manager takes its leader lease (log: " + log + ")")
                    .atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("kube-controller-manager exited with " + process.exitValue()
                                    + ":\n" + Files.readString(log));
                        }
                        Lease lease = client.leases()
                                .inNamespace("kube-system")
                                .withName(BINARY)
                                .get();
                        return lease != null && lease.getSpec().getHolderIdentity() != null;
                    });
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return manager;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
