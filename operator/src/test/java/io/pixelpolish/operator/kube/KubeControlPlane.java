package io.pixelpolish.operator.kube;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubeapitest.Utils;
import io.fabric8.kubeapitest.binary.BinaryManager;
import io.fabric8.kubeapitest.binary.OSInfo;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.RepoFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Kubernetes control plane for the {@code *IT} tests: etcd and kube-apiserver started by
 * Fabric8's kube-api-test in offline mode, kube-controller-manager beside them, the CRDs of
 * {@code crds/} installed as a user installs them, the operator's generated RBAC, and the namespace
 * of {@link Fixtures}. The binaries are the ones {@code src/test/kube-control-plane/build.sh}
 * builds; nothing is downloaded.
 */
public final class KubeControlPlane implements AutoCloseable {
    /** The Go module that pins the Kubernetes version; its build script writes the binaries. */
    static final Path GO_MODULE = RepoFiles.root().resolve("operator/src/test/kube-control-plane");

    private static final List<String> BINARIES =
            List.of("etcd", "kube-apiserver", "kubectl", KubeControllerManager.BINARY);
    private static final Pattern KUBERNETES_REQUIREMENT = Pattern.compile("(?m)^\\s*k8s\\.io/kubernetes v(\\S+)");

    private final KubeAPIServer apiServer;
    private final KubernetesClient client;
    private final KubernetesClient operatorClient;
    private final KubeControllerManager controllerManager;

    private KubeControlPlane(
            KubeAPIServer apiServer,
            KubernetesClient client,
            KubernetesClient operatorClient,
            KubeControllerManager controllerManager) {
        this.apiServer = apiServer;
        this.client = client;
        this.operatorClient = operatorClient;
        this.controllerManager = controllerManager;
    }

    /** Where kube-api-test's offline mode looks for this Kubernetes version's binaries. */
    private static Path binaries() {
        return kubeApiTestDir()
                .resolve(BinaryManager.BINARY_LIST_DIR)
                .resolve(kubernetesVersion() + Utils.platformSuffix(new OSInfo()));
    }

    /** Why the control plane cannot start here (binaries not built), or empty when it can. */
    public static java.util.Optional<String> notBuilt() {
        String version = kubernetesVersion();
        Path binaries = binaries();
        List<String> missing = BINARIES.stream()
                .filter(name -> !Files.isExecutable(binaries.resolve(name)))
                .toList();
        if (missing.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("Kubernetes " + version + " control plane not built: " + missing + " missing in "
                + binaries + ". Build it with " + RepoFiles.relative(GO_MODULE.resolve("build.sh"))
                + " (as .ci/run does; 5 to 12 minutes on 2 cores the first time)");
    }

    /** Starts everything, or fails saying how to build what is missing. */
    public static KubeControlPlane start() {
        notBuilt().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        String version = kubernetesVersion();
        Path testDir = kubeApiTestDir();
        Path logs = logDir();
        KubeAPIServer apiServer = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(testDir.toString())
                .withApiServerVersion(version)
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                // 2 shared cores: etcd and the API server's first start can take a while.
                .withStartupTimeout((int) TimeUnit.MINUTES.toMillis(2))
                // As on OpenShift: blockOwnerDeletion needs the right to update the owner's finalizers.
                .withApiServerFlag("--enable-admission-plugins", "OwnerReferencesPermissionEnforcement")
                .build());
        apiServer.start();
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(apiServer.getKubeConfigYaml()))
                .build();
        KubernetesClient operatorClient = null;
        try {
            installCrds(client);
            client.namespaces()
                    .resource(new NamespaceBuilder()
                            .withNewMetadata()
                            .withName(Fixtures.NAMESPACE)
                            .endMetadata()
                            .build())
                    .create();
            operatorClient = OperatorIdentity.install(client);
            KubeControllerManager controllerManager = KubeControllerManager.start(
                    binaries().resolve(KubeControllerManager.BINARY),
                    write(logs.resolve("kubeconfig"), apiServer.getKubeConfigYaml()),
                    logs.resolve("kube-controller-manager.log"),
                    client);
            return new KubeControlPlane(apiServer, client, operatorClient, controllerManager);
        } catch (RuntimeException e) {
            if (operatorClient != null) {
                operatorClient.close();
            }
            client.close();
            apiServer.stop();
            throw e;
        }
    }

    /** A client with cluster-admin rights (group system:masters). */
    public KubernetesClient client() {
        return client;
    }

    /** A client that is the operator's ServiceAccount, with only the RBAC the build generates. */
    public KubernetesClient operatorClient() {
        return operatorClient;
    }

    @Override
    public void close() {
        controllerManager.close();
        operatorClient.close();
        client.close();
        apiServer.stop();
    }

    /** The files of crds/, applied and awaited as {@code kubectl apply -f crds/ && kubectl wait} would. */
    private static void installCrds(KubernetesClient client) {
        try (var files = Files.list(RepoFiles.root().resolve("crds"))) {
            for (Path file : files.sorted().toList()) {
                CustomResourceDefinition crd;
                try (InputStream in = Files.newInputStream(file)) {
                    crd = client.apiextensions()
                            .v1()
                            .customResourceDefinitions()
                            .load(in)
                            .item();
                }
                client.resource(crd).create();
                client.apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(crd.getMetadata().getName())
                        .waitUntilCondition(KubeControlPlane::established, 1, TimeUnit.MINUTES);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null
                && crd.getStatus() != null
                && crd.getStatus().getConditions() != null
                && crd.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** The version go.mod requires, e.g. 1.34.4: the single place it is written down. */
    static String kubernetesVersion() {
        try {
            Matcher matcher = KUBERNETES_REQUIREMENT.matcher(Files.readString(GO_MODULE.resolve("go.mod")));
            if (!matcher.find()) {
                throw new IllegalStateException(GO_MODULE.resolve("go.mod") + " requires no k8s.io/kubernetes version");
            }
            return matcher.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where kube-api-test keeps binaries and certificates: $KUBE_API_TEST_DIR, as build.sh reads it too. */
    private static Path kubeApiTestDir() {
        String configured = System.getenv(KubeAPIServerConfigBuilder.KUBE_API_TEST_DIR);
        return configured != null
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), KubeAPIServerConfigBuilder.DIRECTORY_NAME);
    }

    /** The build sets it to target/kube-control-plane; from an IDE a temporary folder serves. */
    private static Path logDir() {
        try {
            String configured = System.getProperty("pixelpolish.control-plane.logs");
            return configured != null
                    ? Files.createDirectories(Path.of(configured))
                    : Files.createTempDirectory("kube-control-plane");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path path, String text) {
        try {
            return Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
