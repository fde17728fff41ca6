package io.pixelpolish.run.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelpolish.contract.mlflow.MlflowSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlflowArtifactsTest {
    @Test
    void artifactsOfAServedRootGoThroughTheTrackingServer() throws IOException {
        MlflowArtifacts artifacts = new MlflowArtifacts(
                new MlflowSettings(java.net.URI.create("http://mlflow:5000/"), "e", Duration.ZERO, Map.of())
                        .hostCreds(),
                Duration.ofSeconds(1));
        assertThat(artifacts.endpoint("mlflow-artifacts:/1/abc/artifacts", "samples/update 1.png"))
                .hasToString(
                        "http://mlflow:5000/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/samples/update%201.png");
        assertThat(artifacts.endpoint("mlflow-artifacts://other:8080/1/abc/artifacts", "config.yaml"))
                .hasToString("http://other:8080/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/config.yaml");
        assertThatThrownBy(() -> artifacts.endpoint("s3://bucket/1/abc/artifacts", "config.yaml"))
                .hasMessageContaining("is not served by the tracking server");
    }
}
