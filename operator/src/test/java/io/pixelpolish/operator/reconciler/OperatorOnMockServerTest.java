package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the tests that run both reconcilers against the Fabric8 mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
abstract class OperatorOnMockServerTest {
    static KubernetesClient client;
    /** Answers with what a test expects first, then as the CRUD store. */
    static KubernetesMockServer server;

    OperatorHarness operator;
    ClusterObjects cluster;

    @BeforeEach
    void startOperator() {
        operator = OperatorHarness.onMockServer(client);
        cluster = new ClusterObjects(client);
    }

    @AfterEach
    void stopOperator() {
        operator.close();
    }
}
