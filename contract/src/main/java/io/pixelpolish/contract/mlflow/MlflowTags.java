package io.pixelpolish.contract.mlflow;

/**
 * The tags the trainer's runs and the operator's sweep parent runs carry: MLflow's own, which its
 * UI reads, and ours under {@code pixelpolish.}, by which runs are searched and compared.
 */
public final class MlflowTags {
    public static final String RUN_NAME = "mlflow.runName";
    public static final String PARENT_RUN_ID = "mlflow.parentRunId";
    public static final String SOURCE_TYPE = "mlflow.source.type";
    public static final String SOURCE_NAME = "mlflow.source.name";
    public static final String SOURCE_GIT_COMMIT = "mlflow.source.git.commit";
    /** MLflow's value of {@link #SOURCE_TYPE} for batch jobs, as both the trainer and the operator are. */
    public static final String SOURCE_TYPE_JOB = "JOB";
    /**
     * Set on the experiments the project creates: MLflow 3's UI opens an experiment without it in
     * its GenAI view, with it in the model-training view that shows metrics and runs side by side.
     */
    public static final String EXPERIMENT_KIND = "mlflow.experimentKind";

    public static final String EXPERIMENT_KIND_TRAINING = "custom_model_development";

    public static final String NAMESPACE = "pixelpolish.namespace";
    public static final String TRAINING_RUN = "pixelpolish.training_run";
    public static final String ABLATION = "pixelpolish.ablation";
    /** The Ablation's uid: finds a sweep's parent run again after an operator restart. */
    public static final String ABLATION_UID = "pixelpolish.ablation_uid";

    public static final String ARM = "pixelpolish.arm";
    public static final String IMAGE = "pixelpolish.image";
    public static final String GIT_REVISION = "pixelpolish.git_revision";
    public static final String MODALITY_MIX = "pixelpolish.modality_mix";
    public static final String ALGORITHM = "pixelpolish.algorithm";
    public static final String BEST_ARM = "pixelpolish.best_arm";
    public static final String BEST_ARM_RUNS = "pixelpolish.best_arm_runs";
    public static final String SWEEP_RESULT = "pixelpolish.sweep_result";

    private MlflowTags() {}
}
