package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Base of the tests that run both reconcilers against the Fabric8 mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
abstract class OperatorOnMockServerTest {
    static KubernetesClient client;
    OperatorHarness operator;

    @BeforeEach
    void startOperator() {
        operator = new OperatorHarness(client);
    }

    @AfterEach
    void stopOperator() {
        operator.close();
    }

    /** Creates a fixture as a user would: the API server assigns uid and generation. */
    static <R extends HasMetadata> R submit(R resource) {
        resource.getMetadata().setUid(null);
        resource.getMetadata().setGeneration(null);
        return client.resource(resource).create();
    }
}
