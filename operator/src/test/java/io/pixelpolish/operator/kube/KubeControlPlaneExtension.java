package io.pixelpolish.operator.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the shared {@link KubeControlPlane}, or its cluster-admin {@link KubernetesClient}:
 * the first test class that asks starts it, and JUnit stops it after the last test of the run, so
 * the start-up cost is paid once per test JVM.
 */
public final class KubeControlPlaneExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KubeControlPlaneExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubernetesClient.class || type == KubeControlPlane.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        KubeControlPlane controlPlane = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(KubeControlPlane.class, type -> KubeControlPlane.start(), KubeControlPlane.class);
        return parameter.getParameter().getType() == KubeControlPlane.class ? controlPlane : controlPlane.client();
    }
}
