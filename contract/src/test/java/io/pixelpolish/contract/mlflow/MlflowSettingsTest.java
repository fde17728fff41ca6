package io.pixelpolish.contract.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelpolish.config.ConfigException;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.PixelPolishConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlflowSettingsTest {

    private static PixelPolishConfig.Tracking tracking(String... sets) {
        return ConfigLoader.load("base", List.of(), List.of(sets)).config().tracking();
    }

    @Test
    void theConfigWinsOverTheEnvironmentAndNeitherMeansNoMlflow() {
        assertThat(MlflowSettings.resolve(tracking(), Map.of())).isEmpty();
        assertThat(MlflowSettings.resolve(tracking(), Map.of(MlflowSettings.URI_ENV, "http://env:5000"))
                        .orElseThrow()
                        .trackingUri())
                .hasToString("http://env:5000");
        assertThat(MlflowSettings.resolve(
                                tracking("tracking.mlflow_uri=http://config:5000"),
                                Map.of(MlflowSettings.URI_ENV, "http://env:5000"))
                        .orElseThrow()
                        .trackingUri())
                .hasToString("http://config:5000");
    }

    @Test
    void credentialsComeFromTheEnvironmentAndNeverShowInItsDescription() {
        MlflowSettings settings = MlflowSettings.resolve(
                        tracking("tracking.mlflow_uri=https://mlflow.example:443/"),
                        Map.of(
                                MlflowSettings.USERNAME_ENV,
                                "trainer",
                                MlflowSettings.PASSWORD_ENV,
                                "hunter2",
                                MlflowSettings.TOKEN_ENV,
                                ""))
                .orElseThrow();
        assertThat(settings.hostCreds().getUsername()).isEqualTo("trainer");
        assertThat(settings.hostCreds().getPassword()).isEqualTo("hunter2");
        assertThat(settings.hostCreds().getToken()).as("blank is unset").isNull();
        assertThat(settings.toString()).contains("user trainer").doesNotContain("hunter2");
        assertThat(settings.runUrl("3", "abc")).isEqualTo("https://mlflow.example:443/#/experiments/3/runs/abc");
    }

    @Test
    void aTrackingUriMustBeAnHttpServerWithoutCredentials() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        "base", List.of(), List.of("tracking.mlflow_uri=https://me:hunter2@mlflow:5000")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("tracking.mlflow_uri: expected no credentials in the URI");
        assertThatThrownBy(() -> ConfigLoader.load("base", List.of(), List.of("tracking.mlflow_uri=file:./mlruns")))
                .hasMessageContaining("tracking.mlflow_uri: expected the http(s) address of an MLflow tracking server");
        assertThatThrownBy(() -> MlflowSettings.resolve(tracking(), Map.of(MlflowSettings.URI_ENV, "databricks")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable MLFLOW_TRACKING_URI");
    }
}
