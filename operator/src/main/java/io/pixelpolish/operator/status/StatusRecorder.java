package io.pixelpolish.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.PhasedStatus;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import io.pixelpolish.operator.status.EventRecorder.Type;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one writer of statuses. A status is patched only when it changed; a changed phase also
 * becomes an Event (Warning for Failed), whose reason is the reason of the condition that explains
 * the new phase.
 */
public class StatusRecorder {
    private final EventRecorder events;
    private final Clock clock;

    public StatusRecorder(EventRecorder events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * @param fresh a new, empty resource of the same kind: the patch carries only name, namespace and
     *     status, so it can never change the spec and server-side apply owns only status fields
     */
    public <S extends PhasedStatus, R extends CustomResource<?, S>> UpdateControl<R> record(
            R resource, S status, Supplier<R> fresh) {
        S previous = resource.getStatus();
        if (status.equals(previous)) {
            return UpdateControl.noUpdate();
        }
        Phase before = previous == null ? null : previous.phase();
        if (status.phase() != before) {
            Optional<Condition> why = phaseCondition(status);
            events.event(resource,
                    status.phase() == Phase.Failed ? Type.Warning : Type.Normal,
                    why.map(c -> Reason.valueOf(c.getReason())).orElse(Reason.of(status.phase())),
                    (before == null ? "" : before + " -> ") + status.phase()
                            + why.map(Condition::getMessage).filter(m -> !m.isEmpty()).map(m -> ": " + m).orElse(""));
        }
        R patch = fresh.get();
        patch.getMetadata().setName(resource.getMetadata().getName());
        patch.getMetadata().setNamespace(resource.getMetadata().getNamespace());
        patch.setStatus(status);
        return UpdateControl.patchStatus(patch);
    }

    /** The condition whose reason and message say why the resource is in its phase. */
    public static Optional<Condition> phaseCondition(PhasedStatus status) {
        String type = switch (status.phase()) {
            case Pending, Running -> Conditions.RUNNING;
            case Succeeded -> Conditions.COMPLETE;
            case Failed -> Conditions.FAILED;
            case Suspended -> Conditions.SUSPENDED;
        };
        return status.conditions() == null ? Optional.empty()
                : status.conditions().stream().filter(c -> Objects.equals(type, c.getType())).findFirst();
    }
}
