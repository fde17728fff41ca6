package io.pixelpolish.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.OperatorException;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.api.TrainingRunStatus;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class StatusRecorderTest {
    static KubernetesClient client;

    private final Instant now = Instant.parse("2026-11-25T12:00:00Z");

    @Test
    void aFailedReconcileKeepsWhatWasObservedAndAddsWhatTheApiServerAnswered() {
        TrainingRun run = Fixtures.trainingRun("quota", Fixtures.runSpec());
        run.setStatus(
                TrainingRunStatuses.configProblem(run, Phase.Pending, Reason.ConfigMapNotFound, "no team-config", now));
        KubernetesClientException refused = new KubernetesClientException(new StatusBuilder()
                .withCode(403)
                .withMessage("jobs.batch \"quota\" is forbidden: exceeded quota: jobs")
                .build());

        TrainingRunStatus recorded = recorder()
                .recordError(
                        run,
                        new AggregatedOperatorException("workflow", Map.of("trainer-job", refused)),
                        TrainingRunStatuses::withConditions,
                        TrainingRun::new)
                .getResource()
                .orElseThrow()
                .getStatus();

        assertThat(recorded.phase()).isEqualTo(Phase.Pending);
        assertThat(recorded.conditions())
                .extracting(Condition::getType)
                .containsExactly("ConfigValid", "Running", "Suspended", "Complete", "Failed", "ReconcileError");
        assertThat(recorded.conditions().get(5).getMessage())
                .isEqualTo("trainer-job: HTTP 403: jobs.batch \"quota\" is forbidden: exceeded quota: jobs");
    }

    @Test
    void anInterruptedReconcileIsTheOperatorStoppingNotAnError() {
        TrainingRun run = Fixtures.trainingRun("stopping", Fixtures.runSpec());

        assertThat(recorder()
                        .recordError(
                                run,
                                new OperatorException(new InterruptedException()),
                                TrainingRunStatuses::withConditions,
                                TrainingRun::new)
                        .getResource())
                .isEmpty();
        assertThat(client.v1().events().inNamespace(Fixtures.NAMESPACE).list().getItems())
                .noneSatisfy(e -> assertThat(e.getInvolvedObject().getName()).isEqualTo("stopping"));
    }

    private StatusRecorder recorder() {
        return new StatusRecorder(new EventRecorder(client, Clock.systemUTC()), Clock.fixed(now, ZoneOffset.UTC));
    }
}
