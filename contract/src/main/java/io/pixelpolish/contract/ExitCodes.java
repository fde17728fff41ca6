package io.pixelpolish.contract;

/**
 * The trainer's exit codes. Only {@link #INVALID_INPUT} tells the operator that retrying cannot
 * help; every other failure, a programming error included, is retried by the Job like a crash.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    /** A config, data or command-line problem the user must fix (an {@link InvalidInputException}). */
    public static final int INVALID_INPUT = 2;
    /**
     * The JVM's exit after SIGTERM (128 + 15): the trainer was asked to stop (eviction, preemption,
     * a deleted pod), checkpointed and left; its replacement resumes, so it is not a failure.
     */
    public static final int STOPPED = 143;

    /**
     * How long the trainer waits, after SIGTERM, for its stop checkpoint and the last reports
     * before the JVM exits; a pod's termination grace period must be longer.
     */
    public static final int STOP_WAIT_SECONDS = 60;

    private ExitCodes() {}
}
