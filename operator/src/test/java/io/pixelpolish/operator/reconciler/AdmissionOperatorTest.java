package io.pixelpolish.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.SecretRef;
import io.pixelpolish.operator.api.TrackingSpec;
import io.pixelpolish.operator.api.TrainingRunSpec;
import io.pixelpolish.operator.api.TrainingRunStatus;
import io.pixelpolish.operator.config.AdmissionPolicy;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An operator with an admin's admission limits refuses runs and sweeps beyond them before creating anything. */
class AdmissionOperatorTest extends OperatorOnMockServerTest {
    private static final AdmissionPolicy LIMITS =
            new AdmissionPolicy(List.of("registry.example.com/ml/"), List.of("trainer"), false);

    @BeforeEach
    void limitedOperator() {
        operator.close();
        operator = OperatorHarness.onMockServer(client, Fixtures.operatorConfig(LIMITS));
    }

    @Test
    void aRunBeyondTheLimitsFailsWithReasonNotAllowedAndNothingIsCreated() {
        cluster.createRun("greedy", beyondLimits(Fixtures.runSpec()));

        TrainingRunStatus status = cluster.awaitStatus("greedy", s -> s.phase() == Phase.Failed);
        assertThat(ClusterObjects.condition(status, "ConfigValid").getReason()).isEqualTo(Reason.NotAllowed.name());
        assertThat(ClusterObjects.condition(status, "Failed")).satisfies(c -> {
            assertThat(c.getReason()).isEqualTo(Reason.NotAllowed.name());
            assertThat(c.getMessage())
                    .contains("spec.image: 'docker.io/someone/miner:1' does not start with an allowed prefix"
                            + " [registry.example.com/ml/]")
                    .contains("spec.serviceAccountName: 'cluster-admin-sa' is not an allowed ServiceAccount [trainer]")
                    .contains("spec.tracking.credentialsSecretRef: runs may not name Secrets here");
        });
        await().untilAsserted(() -> assertThat(cluster.events("greedy"))
                .anySatisfy(e -> assertThat(e.getType() + " " + e.getReason()).isEqualTo("Warning NotAllowed")));
        assertThat(cluster.job("greedy")).isNull();
        assertThat(cluster.configMap("greedy-config")).isNull();
        assertThat(cluster.configMap("greedy-progress")).isNull();
        assertThat(client.resources(Role.class)
                        .inNamespace(Fixtures.NAMESPACE)
                        .withName("greedy-progress-writer")
                        .get())
                .isNull();
    }

    @Test
    void aRunWithinTheLimitsStarts() {
        TrainingRunSpec spec = Fixtures.with(
                Fixtures.with(Fixtures.runSpec(), "image", "registry.example.com/ml/pixelpolish-trainer:1.0"),
                "serviceAccountName",
                "trainer");
        cluster.createRun("modest", spec);

        assertThat(cluster.awaitJob("modest").getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo("trainer");
    }

    @Test
    void aSweepWhoseTemplateIsBeyondTheLimitsFailsBeforeAnyRun() {
        AblationSpec sweep = SweepFixtures.armsWithRepeats();
        cluster.createAblation(
                "greedy-sweep",
                new AblationSpec(
                        beyondLimits(sweep.template()),
                        null,
                        sweep.arms(),
                        sweep.repeats(),
                        sweep.parallelism(),
                        sweep.maxFailedArms(),
                        null,
                        null,
                        false));

        await().until(() -> cluster.ablation("greedy-sweep").getStatus() != null
                && cluster.ablation("greedy-sweep").getStatus().phase() == Phase.Failed);
        assertThat(ClusterObjects.condition(cluster.ablation("greedy-sweep").getStatus(), "SpecValid"))
                .satisfies(c -> {
                    assertThat(c.getReason()).isEqualTo(Reason.NotAllowed.name());
                    assertThat(c.getMessage()).startsWith("spec.template.image: ");
                });
        assertThat(cluster.children("greedy-sweep")).isEmpty();
    }

    private static TrainingRunSpec beyondLimits(TrainingRunSpec spec) {
        TrainingRunSpec mining = Fixtures.with(spec, "image", "docker.io/someone/miner:1");
        TrainingRunSpec privileged = Fixtures.with(mining, "serviceAccountName", "cluster-admin-sa");
        return Fixtures.with(
                privileged, "tracking", new TrackingSpec(null, null, new SecretRef("someone-elses-secret")));
    }
}
