package io.pixelpolish.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import io.pixelpolish.operator.status.EventRecorder.Type;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {
    static KubernetesClient client;

    private Instant now = Instant.parse("2026-11-25T12:00:00Z");
    private EventRecorder events;

    @BeforeEach
    void recorder() {
        events = new EventRecorder(client, new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        });
    }

    @Test
    void aRepeatedEventIsCountedOnTheFirstOne() {
        TrainingRun run = Fixtures.trainingRun("repeats", Fixtures.runSpec());

        for (int i = 0; i < 3; i++) {
            events.event(run, Type.Warning, Reason.ReconcileError, "HTTP 403: exceeded quota");
            now = now.plus(Duration.ofMinutes(1));
        }

        assertThat(eventsOf("repeats")).singleElement().satisfies(event -> {
            assertThat(event.getCount()).isEqualTo(3);
            assertThat(event.getFirstTimestamp()).isEqualTo("2026-11-25T12:00:00Z");
            assertThat(event.getLastTimestamp()).isEqualTo("2026-11-25T12:02:00Z");
            assertThat(event.getType() + " " + event.getReason()).isEqualTo("Warning ReconcileError");
            assertThat(event.getInvolvedObject().getUid())
                    .isEqualTo(run.getMetadata().getUid());
        });
    }

    @Test
    void anotherMessageReasonTypeOrObjectIsAnotherEvent() {
        TrainingRun run = Fixtures.trainingRun("distinct", Fixtures.runSpec());
        TrainingRun recreated = Fixtures.trainingRun("distinct", Fixtures.runSpec());
        recreated.getMetadata().setUid("another-uid");

        events.event(run, Type.Normal, Reason.Starting, "Pending: waiting for the trainer pod");
        events.event(run, Type.Normal, Reason.Starting, "Pending: pod distinct-abc is starting");
        events.event(run, Type.Normal, Reason.Creating, "Pending: waiting for the trainer pod");
        events.event(run, Type.Warning, Reason.Starting, "Pending: waiting for the trainer pod");
        events.event(recreated, Type.Normal, Reason.Starting, "Pending: waiting for the trainer pod");

        assertThat(eventsOf("distinct"))
                .hasSize(5)
                .allSatisfy(event -> assertThat(event.getCount()).isEqualTo(1));
    }

    private static List<Event> eventsOf(String name) {
        return client.v1().events().inNamespace(Fixtures.NAMESPACE).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()))
                .toList();
    }
}
