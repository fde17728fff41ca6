package io.pixelpolish.operator.api;

/** Lifecycle phase of a TrainingRun or an Ablation. */
public enum Phase {
    Pending,
    Running,
    Succeeded,
    Failed,
    Suspended;

    public boolean finished() {
        return this == Succeeded || this == Failed;
    }
}
