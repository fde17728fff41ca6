package io.pixelpolish.charts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorDeploymentTest {
    private static final String VERSION = System.getProperty("pixelpolish.version");

    @Test
    void defaultsRunTheOperatorOfThisVersionLockedDown() {
        RenderedChart chart = RenderedChart.withDefaults();
        Deployment deployment = chart.get(Deployment.class, "pp-pixelpolish");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container operator = pod.getContainers().get(0);

        assertThat(operator.getImage()).isEqualTo("ghcr.io/pixelpolish/pixelpolish-operator:" + VERSION);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(pod.getServiceAccountName()).isEqualTo("pp-pixelpolish");
        assertThat(chart.get(ServiceAccount.class, "pp-pixelpolish")
                        .getMetadata()
                        .getNamespace())
                .isEqualTo(RenderedChart.NAMESPACE);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(operator.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(operator.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(operator.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(operator.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));

        assertThat(operator.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        assertThat(operator.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(operator.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(operator.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(operator.getResources().getLimits()).containsKey("memory");

        assertThat(env(operator))
                .containsEntry("QUARKUS_OPERATOR_SDK_CONTROLLERS_TRAININGRUN_NAMESPACES", "JOSDK_ALL_NAMESPACES")
                .containsEntry("QUARKUS_OPERATOR_SDK_CONTROLLERS_ABLATION_NAMESPACES", "JOSDK_ALL_NAMESPACES")
                .containsEntry(
                        "PIXELPOLISH_OPERATOR_TRAINER_IMAGE", "ghcr.io/pixelpolish/pixelpolish-trainer:" + VERSION)
                .containsEntry(
                        "PIXELPOLISH_OPERATOR_TRAINER_CUDA_IMAGE",
                        "ghcr.io/pixelpolish/pixelpolish-trainer:" + VERSION + "-cuda")
                .containsEntry("PIXELPOLISH_OPERATOR_TRAINER_GPU_RESOURCE_NAME", "nvidia.com/gpu")
                .doesNotContainKeys(
                        "PIXELPOLISH_OPERATOR_MLFLOW_TRACKING_URI",
                        "PIXELPOLISH_OPERATOR_MLFLOW_CREDENTIALS_SECRET",
                        "PIXELPOLISH_OPERATOR_TRAINER_GPU_DEFAULT_CPU",
                        "PIXELPOLISH_OPERATOR_TRAINER_GPU_DEFAULT_MEMORY");
    }

    @Test
    void valuesReachTheOperatorsConfiguration() {
        Container operator = operatorContainer(RenderedChart.withValues("custom.yaml"));

        assertThat(operator.getImage()).isEqualTo("registry.example.com/ml/pixelpolish-operator:1.2.3");
        assertThat(env(operator))
                .containsEntry("QUARKUS_OPERATOR_SDK_CONTROLLERS_TRAININGRUN_NAMESPACES", "team-a,team-b")
                .containsEntry("QUARKUS_OPERATOR_SDK_CONTROLLERS_ABLATION_NAMESPACES", "team-a,team-b")
                .containsEntry(
                        "PIXELPOLISH_OPERATOR_TRAINER_IMAGE", "registry.example.com/ml/pixelpolish-trainer:1.2.3")
                .containsEntry(
                        "PIXELPOLISH_OPERATOR_TRAINER_CUDA_IMAGE",
                        "registry.example.com/ml/pixelpolish-trainer:1.2.3-cuda12.8")
                .containsEntry("PIXELPOLISH_OPERATOR_TRAINER_GPU_RESOURCE_NAME", "amd.com/gpu")
                .containsEntry("PIXELPOLISH_OPERATOR_TRAINER_GPU_DEFAULT_CPU", "4")
                .containsEntry("PIXELPOLISH_OPERATOR_TRAINER_GPU_DEFAULT_MEMORY", "16Gi")
                .containsEntry("PIXELPOLISH_OPERATOR_MLFLOW_CREDENTIALS_SECRET", "mlflow-credentials");
        assertThat(operator.getEnv())
                .as("the operator's own MLflow identity, from the kubelet: no permission on Secrets needed")
                .filteredOn(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .extracting(
                        EnvVar::getName,
                        e -> e.getValueFrom().getSecretKeyRef().getName(),
                        e -> e.getValueFrom().getSecretKeyRef().getOptional())
                .containsExactly(
                        tuple("MLFLOW_TRACKING_TOKEN", "mlflow-credentials", true),
                        tuple("MLFLOW_TRACKING_USERNAME", "mlflow-credentials", true),
                        tuple("MLFLOW_TRACKING_PASSWORD", "mlflow-credentials", true));
    }

    @Test
    void aCpuTagAloneGivesTheMatchingCudaTag() {
        Container operator = operatorContainer(RenderedChart.render(c -> c.set("trainer.image.tag", "2.0.0")));
        assertThat(env(operator))
                .containsEntry(
                        "PIXELPOLISH_OPERATOR_TRAINER_CUDA_IMAGE",
                        "ghcr.io/pixelpolish/pixelpolish-trainer:2.0.0-cuda");
    }

    static Container operatorContainer(RenderedChart chart) {
        return chart.get(Deployment.class, "pp-pixelpolish")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0);
    }

    static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue() != null ? var.getValue() : "valueFrom");
        }
        return env;
    }
}
