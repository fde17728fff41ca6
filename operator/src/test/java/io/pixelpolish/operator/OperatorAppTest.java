package io.pixelpolish.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.TrainingRun;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The packaged wiring: Quarkus config, CDI, the CRDs QOSDK generates, both controllers registered. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
class OperatorAppTest {
    @Inject
    KubernetesClient client;

    @ConfigProperty(name = "quarkus.application.version")
    String version;

    @Test
    void aTrainingRunBecomesAJobWithTheDefaultImageOfThisVersion() {
        TrainingRun run = Fixtures.trainingRun("smoke", Fixtures.runSpec());
        run.getMetadata().setUid(null);
        client.resource(run).create();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> client.batch()
                                .v1()
                                .jobs()
                                .inNamespace(Fixtures.NAMESPACE)
                                .withName("smoke")
                                .get()
                        != null);
        Job job = client.batch()
                .v1()
                .jobs()
                .inNamespace(Fixtures.NAMESPACE)
                .withName("smoke")
                .get();
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("ghcr.io/pixelpolish/pixelpolish-trainer:" + version + "-cuda");
        await().untilAsserted(() -> assertThat(client.resources(TrainingRun.class)
                        .inNamespace(Fixtures.NAMESPACE)
                        .withName("smoke")
                        .get()
                        .getStatus()
                        .phase())
                .isEqualTo(Phase.Pending));
    }
}
