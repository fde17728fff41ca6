package io.pixelpolish.operator.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.pixelpolish.operator.RepoFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The operator's ServiceAccount and RBAC from the manifests the build generates, applied as a user
 * applies them, and a client that impersonates that ServiceAccount: an operator running with it may
 * do exactly what a deployed one may, so a permission the generated RBAC lacks fails the tests.
 */
final class OperatorIdentity {
    static final Path MANIFESTS = RepoFiles.root().resolve("operator/target/kubernetes/kubernetes.yml");
    private static final Set<String> IDENTITY_KINDS =
            Set.of("ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");

    private OperatorIdentity() {}

    /** Installs the identity with {@code admin} and returns a client that acts as it. */
    static KubernetesClient install(KubernetesClient admin) {
        if (!Files.isRegularFile(MANIFESTS)) {
            throw new IllegalStateException(
                    MANIFESTS + " is missing: `./mvnw -pl operator -am package` generates it, and"
                            + " Maven runs the *IT tests after package");
        }
        List<HasMetadata> identity;
        try (InputStream in = Files.newInputStream(MANIFESTS)) {
            identity = admin.load(in).items().stream()
                    .filter(item -> IDENTITY_KINDS.contains(item.getKind()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceAccount account = identity.stream()
                .filter(ServiceAccount.class::isInstance)
                .map(ServiceAccount.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(MANIFESTS + " has no ServiceAccount"));
        String namespace = account.getMetadata().getNamespace();
        admin.namespaces()
                .resource(new NamespaceBuilder()
                        .withNewMetadata()
                        .withName(namespace)
                        .endMetadata()
                        .build())
                .create();
        identity.forEach(item -> admin.resource(item).create());
        return new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(admin.getConfiguration())
                        .withImpersonateUsername("system:serviceaccount:" + namespace + ":"
                                + account.getMetadata().getName())
                        .withImpersonateGroups(
                                "system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated")
                        .build())
                .build();
    }
}
