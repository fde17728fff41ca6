package io.pixelpolish.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.api.PhasedStatus;
import io.pixelpolish.operator.dependent.NotOwnedException;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import io.pixelpolish.operator.status.EventRecorder.Type;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one writer of statuses. A status is patched only when it changed; a changed phase also
 * becomes an Event (Warning for Failed), whose reason is the reason of the condition that explains
 * the new phase, and so does a warning condition that turned True. A failed reconcile adds a
 * ReconcileError condition to the status it leaves as it was; the next successful one writes a
 * status without it. Its reason is NotOwned when an object the run needs was made by someone else.
 */
public class StatusRecorder {
    /** Conditions whose turning True is news of its own, whatever the phase: a Warning Event with their reason. */
    private static final Set<String> WARNING_CONDITIONS = Set.of(Conditions.REWARD_HACKING);

    private final EventRecorder events;
    private final Clock clock;

    public StatusRecorder(EventRecorder events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** @param fresh a new, empty resource of the same kind, for the patch */
    public <S extends PhasedStatus, R extends CustomResource<?, S>> UpdateControl<R> record(
            R resource, S status, Supplier<R> fresh) {
        S previous = resource.getStatus();
        if (status.equals(previous)) {
            return UpdateControl.noUpdate();
        }
        Phase before = previous == null ? null : previous.phase();
        if (status.phase() != before) {
            Optional<Condition> why = phaseCondition(status);
            events.event(
                    resource,
                    status.phase() == Phase.Failed ? Type.Warning : Type.Normal,
                    why.map(c -> Reason.valueOf(c.getReason())).orElse(Reason.of(status.phase())),
                    (before == null ? "" : before + " -> ")
                            + status.phase()
                            + why.map(Condition::getMessage)
                                    .filter(m -> !m.isEmpty())
                                    .map(m -> ": " + m)
                                    .orElse(""));
        }
        turnedTrue(previous, status)
                .forEach(c -> events.event(resource, Type.Warning, Reason.valueOf(c.getReason()), c.getMessage()));
        return UpdateControl.patchStatus(statusPatch(resource, status, fresh));
    }

    private static List<Condition> turnedTrue(PhasedStatus previous, PhasedStatus status) {
        List<Condition> before = previous == null || previous.conditions() == null ? List.of() : previous.conditions();
        return status.conditions() == null
                ? List.of()
                : status.conditions().stream()
                        .filter(c -> WARNING_CONDITIONS.contains(c.getType()) && isTrue(c))
                        .filter(c -> before.stream().noneMatch(b -> b.getType().equals(c.getType()) && isTrue(b)))
                        .toList();
    }

    private static boolean isTrue(Condition condition) {
        return "True".equals(condition.getStatus());
    }

    /**
     * For JOSDK's {@code updateErrorStatus}: what the API server answered, as a ReconcileError
     * condition and a Warning Event (counted, not repeated, while JOSDK retries).
     *
     * @param withConditions the status (null when there is none yet) with other conditions
     */
    public <S extends PhasedStatus, R extends CustomResource<?, S>> ErrorStatusUpdateControl<R> recordError(
            R resource, Exception error, BiFunction<S, List<Condition>, S> withConditions, Supplier<R> fresh) {
        if (causedBy(
                error, cause -> cause instanceof InterruptedException || cause instanceof InterruptedIOException)) {
            // The operator is stopping and interrupted the reconcile: nothing failed that the status should show.
            return ErrorStatusUpdateControl.noStatusUpdate();
        }
        S previous = resource.getStatus();
        String message = describe(error);
        Reason reason = causedBy(error, NotOwnedException.class::isInstance) ? Reason.NotOwned : Reason.ReconcileError;
        List<Condition> conditions = Conditions.after(
                        previous == null ? null : previous.conditions(),
                        resource.getMetadata().getGeneration(),
                        clock.instant())
                .keepAllBut(Conditions.RECONCILE_ERROR)
                .set(Conditions.RECONCILE_ERROR, true, reason, message)
                .list();
        events.event(resource, Type.Warning, reason, message);
        return ErrorStatusUpdateControl.patchStatus(
                statusPatch(resource, withConditions.apply(previous, conditions), fresh));
    }

    /**
     * The API server's answer with its HTTP code ("HTTP 403: jobs.batch ... is forbidden: ..."), else
     * the exception's message; for a workflow, each dependent that failed, by name.
     */
    static String describe(Throwable error) {
        if (error instanceof AggregatedOperatorException workflow) {
            return workflow.getAggregatedExceptions().entrySet().stream()
                    .map(failed -> failed.getKey() + ": " + describe(failed.getValue()))
                    .collect(Collectors.joining("; "));
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException answer) {
                String text = answer.getStatus() != null && answer.getStatus().getMessage() != null
                        ? answer.getStatus().getMessage()
                        : answer.getMessage();
                return "HTTP " + answer.getCode() + ": " + text;
            }
        }
        return error.getMessage() != null
                ? error.getMessage()
                : error.getClass().getName();
    }

    /** Whether {@code error}, or what caused it, or any failed dependent of a workflow, is of {@code kind}. */
    private static boolean causedBy(Throwable error, Predicate<Throwable> kind) {
        if (error instanceof AggregatedOperatorException workflow) {
            return workflow.getAggregatedExceptions().values().stream().anyMatch(e -> causedBy(e, kind));
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (kind.test(cause)) {
                return true;
            }
        }
        return false;
    }

    /** Only name, namespace and status, so the patch can never change the spec and server-side apply owns only status fields. */
    private static <S, R extends CustomResource<?, S>> R statusPatch(R resource, S status, Supplier<R> fresh) {
        R patch = fresh.get();
        patch.getMetadata().setName(resource.getMetadata().getName());
        patch.getMetadata().setNamespace(resource.getMetadata().getNamespace());
        patch.setStatus(status);
        return patch;
    }

    /** The condition whose reason and message say why the resource is in its phase. */
    public static Optional<Condition> phaseCondition(PhasedStatus status) {
        String type = switch (status.phase()) {
            case Pending, Running -> Conditions.RUNNING;
            case Succeeded -> Conditions.COMPLETE;
            case Failed -> Conditions.FAILED;
            case Suspended -> Conditions.SUSPENDED;
        };
        return status.conditions() == null
                ? Optional.empty()
                : status.conditions().stream()
                        .filter(c -> Objects.equals(type, c.getType()))
                        .findFirst();
    }
}
