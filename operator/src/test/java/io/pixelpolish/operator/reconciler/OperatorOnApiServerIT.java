package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.kube.KubeControlPlane;
import io.pixelpolish.operator.kube.KubeControlPlaneExtension;
import io.pixelpolish.operator.kube.Kubelet;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the tests that run both reconcilers, with the production settings and as the operator's
 * ServiceAccount with its generated RBAC, against a real kube-apiserver whose
 * kube-controller-manager runs the Job controller and the garbage collector. The tests themselves
 * act as a cluster admin.
 */
@ExtendWith(KubeControlPlaneExtension.class)
abstract class OperatorOnApiServerIT {
    final KubeControlPlane controlPlane;
    final KubernetesClient client;
    final ClusterObjects cluster;
    final Kubelet kubelet;
    OperatorHarness operator;

    OperatorOnApiServerIT(KubeControlPlane controlPlane) {
        this.controlPlane = controlPlane;
        this.client = controlPlane.client();
        this.cluster = new ClusterObjects(client);
        this.kubelet = new Kubelet(client, Fixtures.NAMESPACE);
    }

    /** Every step goes through a real API server and controllers on 2 shared cores. */
    @BeforeAll
    static void patientAwaits() {
        Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(250));
    }

    @AfterAll
    static void defaultAwaits() {
        Awaitility.reset();
    }

    @BeforeEach
    void startOperator() {
        operator = OperatorHarness.onApiServer(controlPlane.operatorClient());
    }

    @AfterEach
    void stopOperator() {
        operator.close();
    }
}
