package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pixelpolish.operator.config.OperatorConfig;
import io.pixelpolish.operator.mlflow.SweepMlflowRuns;
import io.pixelpolish.operator.status.StatusRecorder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The shared objects the reconcilers are built from; tests construct them directly instead. */
public class OperatorBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    SweepMlflowRuns sweepMlflowRuns(KubernetesClient client, OperatorConfig config) {
        return new SweepMlflowRuns(client, config.mlflowCallLimit(), config.trackingDefaults());
    }

    @Produces
    @Singleton
    StatusRecorder statusRecorder(KubernetesClient client, Clock clock) {
        return new StatusRecorder(client, clock);
    }
}
