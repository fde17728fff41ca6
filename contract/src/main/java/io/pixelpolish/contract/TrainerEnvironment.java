package io.pixelpolish.contract;

import java.util.List;

/**
 * The environment variables through which the operator tells a trainer pod who it is and where to
 * report. Outside Kubernetes they are absent and the trainer records the run in its folder alone.
 */
public final class TrainerEnvironment {
    /** The ConfigMap the trainer patches with its {@link ProgressReport}. */
    public static final String PROGRESS_CONFIGMAP = "PIXELPOLISH_PROGRESS_CONFIGMAP";

    public static final String NAMESPACE = "PIXELPOLISH_NAMESPACE";
    public static final String TRAINING_RUN = "PIXELPOLISH_TRAINING_RUN";
    public static final String ABLATION = "PIXELPOLISH_ABLATION";
    public static final String ARM = "PIXELPOLISH_ARM";
    public static final String IMAGE = "PIXELPOLISH_IMAGE";
    /** Set by the trainer image's build, not by the operator. */
    public static final String GIT_REVISION = "PIXELPOLISH_GIT_REVISION";

    public static final String MLFLOW_PARENT_RUN_ID = "PIXELPOLISH_MLFLOW_PARENT_RUN_ID";

    /** MLflow's own names, which its clients read too. */
    public static final String MLFLOW_TRACKING_URI = "MLFLOW_TRACKING_URI";

    public static final String MLFLOW_TRACKING_TOKEN = "MLFLOW_TRACKING_TOKEN";
    public static final String MLFLOW_TRACKING_USERNAME = "MLFLOW_TRACKING_USERNAME";
    public static final String MLFLOW_TRACKING_PASSWORD = "MLFLOW_TRACKING_PASSWORD";

    /**
     * The only keys of a credentials Secret that reach a trainer's environment (or the operator's
     * MLflow client): a whole Secret as environment could set anything, JAVA_TOOL_OPTIONS included.
     */
    public static final List<String> MLFLOW_CREDENTIALS =
            List.of(MLFLOW_TRACKING_TOKEN, MLFLOW_TRACKING_USERNAME, MLFLOW_TRACKING_PASSWORD);

    private TrainerEnvironment() {}
}
