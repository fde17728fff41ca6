package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.GeneratedCrds;
import io.pixelpolish.operator.config.OperatorConfig;
import io.pixelpolish.operator.mlflow.SweepMlflowRuns;
import io.pixelpolish.operator.status.EventRecorder;
import io.pixelpolish.operator.status.StatusRecorder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;

/**
 * Both reconcilers in a plain JOSDK operator; {@link #restart()} throws away every cache and
 * reconciler, as a restarted pod would.
 */
final class OperatorHarness implements AutoCloseable {
    private final KubernetesClient client;
    private final boolean serverSideApply;
    private final OperatorConfig config;
    private Operator operator;

    private OperatorHarness(KubernetesClient client, boolean serverSideApply, OperatorConfig config) {
        this.client = client;
        this.serverSideApply = serverSideApply;
        this.config = config;
        start();
    }

    /**
     * On the Fabric8 mock server, which cannot do server-side apply (production keeps it on) and
     * gets the CRDs generated from the api classes.
     */
    static OperatorHarness onMockServer(KubernetesClient client) {
        return onMockServer(client, Fixtures.operatorConfig());
    }

    /** {@link #onMockServer(KubernetesClient)} with other operator settings (admission limits). */
    static OperatorHarness onMockServer(KubernetesClient client, OperatorConfig config) {
        GeneratedCrds.files().values().forEach(yaml -> {
            CustomResourceDefinition crd = client.apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                    .item();
            client.resource(crd).createOr(existing -> existing.update());
        });
        return new OperatorHarness(client, false, config);
    }

    /** On a real API server that has the CRDs of crds/, with the production settings. */
    static OperatorHarness onApiServer(KubernetesClient client) {
        return new OperatorHarness(client, true, Fixtures.operatorConfig());
    }

    private void start() {
        operator = new Operator(overrider -> overrider
                .withKubernetesClient(client)
                .withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(serverSideApply));
        EventRecorder events = new EventRecorder(client, Clock.systemUTC());
        StatusRecorder recorder = new StatusRecorder(events, Clock.systemUTC());
        operator.register(new TrainingRunReconciler(config, recorder));
        operator.register(new AblationReconciler(
                recorder,
                events,
                new SweepMlflowRuns(client, config.mlflowCallLimit(), Fixtures.NO_TRACKING_DEFAULTS, Map.of()),
                config));
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
