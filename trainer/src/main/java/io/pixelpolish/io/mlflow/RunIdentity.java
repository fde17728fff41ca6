package io.pixelpolish.io.mlflow;

import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.io.KubernetesProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who a run is, beyond its config: the TrainingRun, Ablation and arm the operator runs it for, the
 * image and source revision it runs, and the MLflow parent run of its sweep. The operator passes
 * them as environment variables of the trainer pod; outside Kubernetes they are simply absent.
 */
public record RunIdentity(
        String runName,
        Optional<String> namespace,
        Optional<String> trainingRun,
        Optional<String> ablation,
        Optional<String> arm,
        Optional<String> image,
        Optional<String> gitRevision,
        Optional<String> parentRunId) {

    public static final String NAMESPACE_ENV = KubernetesProgress.NAMESPACE_ENV;
    public static final String TRAINING_RUN_ENV = "PIXELPOLISH_TRAINING_RUN";
    public static final String ABLATION_ENV = "PIXELPOLISH_ABLATION";
    public static final String ARM_ENV = "PIXELPOLISH_ARM";
    public static final String IMAGE_ENV = "PIXELPOLISH_IMAGE";
    public static final String GIT_REVISION_ENV = "PIXELPOLISH_GIT_REVISION";
    public static final String PARENT_RUN_ENV = "PIXELPOLISH_MLFLOW_PARENT_RUN_ID";

    /** MLflow's own tag names, which its UI reads. */
    public static final String RUN_NAME_TAG = "mlflow.runName";
    public static final String PARENT_RUN_TAG = "mlflow.parentRunId";

    /** The identity the environment gives a run; {@code PIXELPOLISH_GIT_REVISION} is set by the trainer image's build. */
    public static RunIdentity fromEnvironment(String runName, Map<String, String> env) {
        return new RunIdentity(runName, value(env, NAMESPACE_ENV), value(env, TRAINING_RUN_ENV), value(env, ABLATION_ENV),
                value(env, ARM_ENV), value(env, IMAGE_ENV), value(env, GIT_REVISION_ENV), value(env, PARENT_RUN_ENV));
    }

    /** The tags of the MLflow run: the UI's standard ones, then ours under {@code pixelpolish.}. */
    public Map<String, String> tags(PixelPolishConfig config) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(RUN_NAME_TAG, runName);
        tags.put("mlflow.source.type", "JOB");
        tags.put("mlflow.source.name", "pixelpolish train");
        gitRevision.ifPresent(rev -> tags.put("mlflow.source.git.commit", rev));
        parentRunId.ifPresent(parent -> tags.put(PARENT_RUN_TAG, parent));
        namespace.ifPresent(ns -> tags.put("pixelpolish.namespace", ns));
        trainingRun.ifPresent(tr -> tags.put("pixelpolish.training_run", tr));
        ablation.ifPresent(ab -> tags.put("pixelpolish.ablation", ab));
        arm.ifPresent(a -> tags.put("pixelpolish.arm", a));
        image.ifPresent(i -> tags.put("pixelpolish.image", i));
        gitRevision.ifPresent(rev -> tags.put("pixelpolish.git_revision", rev));
        PixelPolishConfig.ModalityMix mix = config.data().modalityMix();
        tags.put("pixelpolish.modality_mix", "rgb=" + mix.rgb() + " gray=" + mix.gray() + " ir=" + mix.ir());
        tags.put("pixelpolish.algorithm", config.train().algorithm().name().toLowerCase());
        return tags;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
