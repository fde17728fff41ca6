package io.pixelpolish.charts;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The optional quick-start MLflow server, and how its address reaches the operator. */
class MlflowServerTest {
    private static final String SERVER = "pp-pixelpolish-mlflow";

    @Test
    void offByDefault() {
        RenderedChart chart = RenderedChart.withDefaults();
        assertThat(chart.find(Deployment.class, SERVER)).isEmpty();
        assertThat(chart.all(Service.class)).isEmpty();
        assertThat(chart.all(PersistentVolumeClaim.class)).isEmpty();
    }

    @Test
    void whenEnabledTheOperatorPointsTrainersAtItsService() {
        RenderedChart chart = RenderedChart.withValues("custom.yaml");

        PersistentVolumeClaim claim = chart.get(PersistentVolumeClaim.class, SERVER);
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
                .isEqualTo("20Gi");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast-ssd");
        assertThat(claim.getMetadata().getAnnotations()).containsEntry("helm.sh/resource-policy", "keep");

        Service service = chart.get(Service.class, SERVER);
        assertThat(service.getSpec().getPorts())
                .singleElement()
                .satisfies(p -> assertThat(p.getPort()).isEqualTo(5000));

        Deployment deployment = chart.get(Deployment.class, SERVER);
        assertThat(service.getSpec().getSelector())
                .isEqualTo(deployment.getSpec().getTemplate().getMetadata().getLabels().entrySet().stream()
                        .filter(e -> service.getSpec().getSelector().containsKey(e.getKey()))
                        .collect(java.util.stream.Collectors.toMap(
                                java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)));
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container mlflow = pod.getContainers().get(0);
        assertThat(mlflow.getCommand())
                .contains("--backend-store-uri=sqlite:////mlflow/mlflow.db", "--serve-artifacts");
        assertThat(mlflow.getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/mlflow"));
        assertThat(pod.getVolumes())
                .anySatisfy(v ->
                        assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo(SERVER));
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(mlflow.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(mlflow.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health");
        assertThat(OperatorDeploymentTest.env(mlflow)
                        .get("MLFLOW_SERVER_ALLOWED_HOSTS")
                        .split(","))
                .contains(
                        SERVER + "." + RenderedChart.NAMESPACE + ".svc:*",
                        SERVER + ":*",
                        "localhost:*",
                        "mlflow.example.com");

        assertThat(OperatorDeploymentTest.env(OperatorDeploymentTest.operatorContainer(chart)))
                .containsEntry(
                        "PIXELPOLISH_OPERATOR_MLFLOW_TRACKING_URI",
                        "http://" + SERVER + "." + RenderedChart.NAMESPACE + ".svc:5000");
    }

    @Test
    void anExternalServerWinsOverTheBundledOne() {
        RenderedChart chart = RenderedChart.render(
                c -> c.set("mlflow.server.enabled", true).set("mlflow.trackingUri", "https://mlflow.example.com"));
        assertThat(OperatorDeploymentTest.env(OperatorDeploymentTest.operatorContainer(chart)))
                .containsEntry("PIXELPOLISH_OPERATOR_MLFLOW_TRACKING_URI", "https://mlflow.example.com");
    }
}
