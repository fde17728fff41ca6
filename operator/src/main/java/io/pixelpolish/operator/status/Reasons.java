package io.pixelpolish.operator.status;

/** The reason words of conditions and events, in one place so tests and docs use the same ones. */
public final class Reasons {
    public static final String CONFIG_MERGED = "ConfigMerged";
    public static final String INVALID_CONFIG = "InvalidConfig";
    public static final String CONFIG_MAP_NOT_FOUND = "ConfigMapNotFound";
    public static final String CREATING = "Creating";
    public static final String STARTING = "Starting";
    public static final String QUEUED = "Queued";
    public static final String SUSPENDED = "Suspended";
    public static final String RUNNING = "TrainerRunning";
    public static final String COMPLETED = "Completed";
    public static final String IMAGE_PULL_BACK_OFF = "ImagePullBackOff";
    public static final String UNSCHEDULABLE = "Unschedulable";
    public static final String OOM_KILLED = "OOMKilled";
    public static final String BACKOFF_LIMIT_EXCEEDED = "BackoffLimitExceeded";
    public static final String DEADLINE_EXCEEDED = "DeadlineExceeded";
    public static final String JOB_FAILED = "JobFailed";

    private Reasons() {}
}
