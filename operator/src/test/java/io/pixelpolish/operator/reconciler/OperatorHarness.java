package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.GeneratedCrds;
import io.pixelpolish.operator.mlflow.SweepMlflowRuns;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Both reconcilers in a plain JOSDK operator against the Fabric8 mock API server; {@link #restart()}
 * throws away every cache and reconciler, as a restarted pod would.
 */
final class OperatorHarness implements AutoCloseable {
    private final KubernetesClient client;
    private Operator operator;

    OperatorHarness(KubernetesClient client) {
        this.client = client;
        GeneratedCrds.files().values().forEach(yaml -> {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                    .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).item();
            client.resource(crd).createOr(existing -> existing.update());
        });
        start();
    }

    private void start() {
        operator = new Operator(overrider -> overrider
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                // The mock server cannot do server-side apply; production keeps it on.
                .withUseSSAToPatchPrimaryResource(false));
        StatusRecorder recorder = new StatusRecorder(client, Clock.systemUTC());
        operator.register(new TrainingRunReconciler(client, Fixtures.operatorConfig(), recorder));
        operator.register(new AblationReconciler(recorder,
                new SweepMlflowRuns(client, Fixtures.operatorConfig().mlflowCallLimit(), Fixtures.NO_TRACKING_DEFAULTS), Fixtures.operatorConfig()));
        operator.start();
    }

    void restart() {
        operator.stop();
        start();
    }

    @Override
    public void close() {
        operator.stop();
    }
}
