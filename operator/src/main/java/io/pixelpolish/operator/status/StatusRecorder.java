package io.pixelpolish.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.PhasedStatus;
import io.pixelpolish.operator.dependent.RunLabels;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one writer of statuses and Events. A status is patched only when it changed; a changed
 * phase also becomes an Event (Warning for Failed), whose reason is the reason of the condition
 * that explains the new phase.
 */
public class StatusRecorder {
    private static final Logger LOG = Logger.getLogger(StatusRecorder.class);

    private final KubernetesClient client;
    private final Clock clock;

    public StatusRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
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
            event(resource,
                    status.phase() == Phase.Failed ? "Warning" : "Normal",
                    why.map(Condition::getReason).orElse(status.phase().name()),
                    (before == null ? "" : before + " -> ") + status.phase()
                            + why.map(Condition::getMessage).filter(m -> !m.isEmpty()).map(m -> ": " + m).orElse(""));
        }
        R patch = fresh.get();
        patch.getMetadata().setName(resource.getMetadata().getName());
        patch.getMetadata().setNamespace(resource.getMetadata().getNamespace());
        patch.setStatus(status);
        return UpdateControl.patchStatus(patch);
    }

    /** An Event on {@code resource}; losing one is not worth failing a reconcile over, so errors are logged. */
    public void event(HasMetadata resource, String type, String reason, String message) {
        Instant now = clock.instant();
        String timestamp = now.toString();
        try {
            client.v1().events().inNamespace(resource.getMetadata().getNamespace()).resource(new EventBuilder()
                            .withNewMetadata()
                            .withName(resource.getMetadata().getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()))
                            .withNamespace(resource.getMetadata().getNamespace())
                            .endMetadata()
                            .withInvolvedObject(new ObjectReferenceBuilder()
                                    .withApiVersion(resource.getApiVersion())
                                    .withKind(resource.getKind())
                                    .withName(resource.getMetadata().getName())
                                    .withNamespace(resource.getMetadata().getNamespace())
                                    .withUid(resource.getMetadata().getUid())
                                    .build())
                            .withType(type)
                            .withReason(reason)
                            .withMessage(message)
                            .withFirstTimestamp(timestamp)
                            .withLastTimestamp(timestamp)
                            .withCount(1)
                            .withNewSource()
                            .withComponent(RunLabels.OPERATOR)
                            .endSource()
                            .withReportingComponent(RunLabels.OPERATOR)
                            .build())
                    .create();
        } catch (KubernetesClientException e) {
            LOG.warnf("event %s on %s/%s not recorded: %s", reason, resource.getKind(), resource.getMetadata().getName(), e.getMessage());
        }
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
