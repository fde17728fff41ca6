package io.pixelpolish.operator.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the shared {@link KubeControlPlane}, or its cluster-admin {@link KubernetesClient}:
 * the first test class that asks starts it, and JUnit stops it after the last test of the run, so
 * the start-up cost is paid once per test JVM. Where the control plane is not built, the tests are
 * skipped with a loud message, except when {@value #REQUIRED_ENV} is true (CI), where they run and
 * fail saying how to build it.
 */
public final class KubeControlPlaneExtension implements ParameterResolver, ExecutionCondition {
    public static final String REQUIRED_ENV = "PIXELPOLISH_TEST_KUBE_REQUIRED";
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KubeControlPlaneExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        var notBuilt = KubeControlPlane.notBuilt();
        if (notBuilt.isEmpty() || "true".equalsIgnoreCase(System.getenv(REQUIRED_ENV))) {
            return ConditionEvaluationResult.enabled("control plane available, or required");
        }
        System.err.println(
                "\n!!! SKIPPED: " + notBuilt.get() + "; " + REQUIRED_ENV + "=true makes this a failure !!!\n");
        return ConditionEvaluationResult.disabled(notBuilt.get());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KubernetesClient.class || type == KubeControlPlane.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        KubeControlPlane controlPlane = context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(KubeControlPlane.class, type -> KubeControlPlane.start(), KubeControlPlane.class);
        return parameter.getParameter().getType() == KubeControlPlane.class ? controlPlane : controlPlane.client();
    }
}
