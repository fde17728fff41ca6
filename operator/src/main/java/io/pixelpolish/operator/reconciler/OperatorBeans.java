package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pixelpolish.contract.TrainerEnvironment;
import io.pixelpolish.operator.config.OperatorConfig;
import io.pixelpolish.operator.mlflow.SweepMlflowRuns;
import io.pixelpolish.operator.status.EventRecorder;
import io.pixelpolish.operator.status.StatusRecorder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

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
        Map<String, String> credentials = new HashMap<>(System.getenv());
        credentials.keySet().retainAll(TrainerEnvironment.MLFLOW_CREDENTIALS);
        return new SweepMlflowRuns(client, config.mlflowCallLimit(), config.trackingDefaults(), credentials);
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
