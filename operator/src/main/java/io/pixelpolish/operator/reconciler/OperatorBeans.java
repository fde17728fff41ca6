package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pixelpolish.operator.config.OperatorConfig;
import io.pixelpolish.operator.mlflow.SweepMlflowRuns;
import io.pixelpolish.operator.status.EventRecorder;
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
    EventRecorder eventRecorder(KubernetesClient client, Clock clock) {
        return new EventRecorder(client, clock);
    }

    @Produces
    @Singleton
    StatusRecorder statusRecorder(EventRecorder events, Clock clock) {
        return new StatusRecorder(events, clock);
    }
}
