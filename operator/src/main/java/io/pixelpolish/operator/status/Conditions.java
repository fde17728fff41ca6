package io.pixelpolish.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.pixelpolish.operator.api.Phase;
import io.pixelpolish.operator.status.EventRecorder.Reason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a status's condition list; a condition whose status did not change keeps its
 * lastTransitionTime, so {@code kubectl describe} shows since when, not since the last reconcile.
 */
public final class Conditions {
    public static final String CONFIG_VALID = "ConfigValid";
    public static final String SPEC_VALID = "SpecValid";
    public static final String RUNNING = "Running";
    public static final String SUSPENDED = "Suspended";
    public static final String COMPLETE = "Complete";
    public static final String FAILED = "Failed";
    /** True while the trainer's last report says its reward-hacking watch fired; written once it watches. */
    public static final String REWARD_HACKING = "RewardHacking";
    /** Whether the trainer's last progress report was taken as it was; False says what was dropped. */
    public static final String PROGRESS_VALID = "ProgressValid";
    /** True while the last reconcile failed; written only then, so a successful one drops it. */
    public static final String RECONCILE_ERROR = "ReconcileError";

    private final List<Condition> previous;
    private final long generation;
    private final String now;
    private final List<Condition> conditions = new ArrayList<>();

    private Conditions(List<Condition> previous, Long generation, Instant now) {
        this.previous = previous == null ? List.of() : previous;
        this.generation = generation == null ? 0 : generation;
        this.now = now.toString();
    }

    public static Conditions after(List<Condition> previous, Long generation, Instant now) {
        return new Conditions(previous, generation, now);
    }

    /** The previous conditions but those of {@code type}, unchanged: an error adds to what was observed. */
    public Conditions keepAllBut(String type) {
        previous.stream().filter(c -> !type.equals(c.getType())).forEach(conditions::add);
        return this;
    }

    public Conditions set(String type, boolean status, Reason reason, String message) {
        String statusText = status ? "True" : "False";
        String since = previous.stream()
                .filter(c -> type.equals(c.getType()) && statusText.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(now);
        conditions.add(new ConditionBuilder()
                .withType(type)
                .withStatus(statusText)
                .withReason(reason.name())
                .withMessage(message == null ? "" : message)
                .withLastTransitionTime(since)
                .withObservedGeneration(generation)
                .build());
        return this;
    }

    /** Running, Suspended, Complete and Failed as the phase implies; {@code reason} explains the phase. */
    public Conditions setPhase(Phase phase, Reason reason, String message) {
        Reason elsewhere = Reason.of(phase);
        set(
                RUNNING,
                phase == Phase.Running,
                phase == Phase.Running || phase == Phase.Pending ? reason : elsewhere,
                phase == Phase.Running || phase == Phase.Pending ? message : "");
        set(
                SUSPENDED,
                phase == Phase.Suspended,
                phase == Phase.Suspended ? reason : elsewhere,
                phase == Phase.Suspended ? message : "");
        set(
                COMPLETE,
                phase == Phase.Succeeded,
                phase == Phase.Succeeded ? reason : elsewhere,
                phase == Phase.Succeeded ? message : "");
        set(
                FAILED,
                phase == Phase.Failed,
                phase == Phase.Failed ? reason : elsewhere,
                phase == Phase.Failed ? message : "");
        return this;
    }

    /** The previous condition of {@code type} unchanged, if there is one: nothing new was observed of it. */
    public Conditions keep(String type) {
        previous.stream().filter(c -> type.equals(c.getType())).forEach(conditions::add);
        return this;
    }

    public List<Condition> list() {
        return List.copyOf(conditions);
    }
}
