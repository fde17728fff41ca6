package io.pixelpolish.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a run reports what it does: the local run folder always, plus optional backends (the
 * console, Kubernetes status, MLflow). Every callback but {@link #updated} has a no-op default so a
 * backend implements only what it records.
 */
public interface RunTracker extends AutoCloseable {

    /** How a run ended. */
    enum Status {
        FINISHED,
        FAILED,
        KILLED
    }

    /** Called once before the first update of this process ({@code info.startUpdate()} > 0 on resume). */
    default void started(RunInfo info) {}

    /** Called after each update with its metrics (keys as in metrics.jsonl, {@code update} excluded). */
    void updated(int update, Map<String, Double> metrics);

    default void checkpointed(int update, Path file) {}

    default void sampleWritten(int update, Path image) {}

    /** Called when the reward-hacking watch fires, before {@link #updated} for that update. */
    default void rewardHackingSuspected(int update, String reason) {}

    default void finished(Status status, String message) {}

    @Override
    default void close() {}
}
