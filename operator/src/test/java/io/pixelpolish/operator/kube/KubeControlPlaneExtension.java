package io.pixelpolish.operator.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link KubernetesClient} of the shared {@link KubeControlPlane}: the first test
 * class that asks starts it, and JUnit stops it after the last test of the run, so the start-up
 * cost is paid once per test JVM.
 */
public final class KubeControlPlaneExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KubeControlPlaneExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KubernetesClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(KubeControlPlane.class, type -> KubeControlPlane.start(), KubeControlPlane.class)
                .client();
    }
}
