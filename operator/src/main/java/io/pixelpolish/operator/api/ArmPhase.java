package io.pixelpolish.operator.api;

/** State of one TrainingRun of a sweep: its own phase, or Stopped when the Ablation stopped it. */
public enum ArmPhase {
    Pending,
    Running,
    Suspended,
    Succeeded,
    Failed,
    Stopped;

    public boolean done() {
        return this == Succeeded || this == Failed || this == Stopped;
    }

    public boolean active() {
        return this == Pending || this == Running;
    }
}
