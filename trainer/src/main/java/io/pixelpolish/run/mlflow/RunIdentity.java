package io.pixelpolish.run.mlflow;

import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.TrainerEnvironment;
import io.pixelpolish.contract.mlflow.MlflowTags;
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

    /** The identity the environment gives a run; {@code PIXELPOLISH_GIT_REVISION} is set by the trainer image's build. */
    public static RunIdentity fromEnvironment(String runName, Map<String, String> env) {
        return new RunIdentity(
                runName,
                value(env, TrainerEnvironment.NAMESPACE),
                value(env, TrainerEnvironment.TRAINING_RUN),
                value(env, TrainerEnvironment.ABLATION),
                value(env, TrainerEnvironment.ARM),
                value(env, TrainerEnvironment.IMAGE),
                value(env, TrainerEnvironment.GIT_REVISION),
                value(env, TrainerEnvironment.MLFLOW_PARENT_RUN_ID));
    }

    /** The tags of the MLflow run: the UI's standard ones, then ours under {@code pixelpolish.}. */
    public Map<String, String> tags(PixelPolishConfig config) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MlflowTags.RUN_NAME, runName);
        tags.put(MlflowTags.SOURCE_TYPE, MlflowTags.SOURCE_TYPE_JOB);
        tags.put(MlflowTags.SOURCE_NAME, "pixelpolish train");
        gitRevision.ifPresent(rev -> tags.put(MlflowTags.SOURCE_GIT_COMMIT, rev));
        parentRunId.ifPresent(parent -> tags.put(MlflowTags.PARENT_RUN_ID, parent));
        namespace.ifPresent(ns -> tags.put(MlflowTags.NAMESPACE, ns));
        trainingRun.ifPresent(tr -> tags.put(MlflowTags.TRAINING_RUN, tr));
        ablation.ifPresent(ab -> tags.put(MlflowTags.ABLATION, ab));
        arm.ifPresent(a -> tags.put(MlflowTags.ARM, a));
        image.ifPresent(i -> tags.put(MlflowTags.IMAGE, i));
        gitRevision.ifPresent(rev -> tags.put(MlflowTags.GIT_REVISION, rev));
        PixelPolishConfig.ModalityMix mix = config.data().modalityMix();
        tags.put(MlflowTags.MODALITY_MIX, "rgb=" + mix.rgb() + " gray=" + mix.gray() + " ir=" + mix.ir());
        tags.put(MlflowTags.ALGORITHM, config.train().algorithm().name().toLowerCase());
        return tags;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }
}
