package io.pixelpolish.operator.dependent;

import io.pixelpolish.operator.api.TrainingRun;

/** Names of the objects that belong to a TrainingRun; fixed, so a restarted operator finds them again. */
public final class RunResourceNames {
    private RunResourceNames() {}

    public static String job(TrainingRun run) {
        return run.getMetadata().getName();
    }

    public static String configMap(TrainingRun run) {
        return run.getMetadata().getName() + "-config";
    }

    public static String progressConfigMap(TrainingRun run) {
        return run.getMetadata().getName() + "-progress";
    }

    public static String progressWriterRole(TrainingRun run) {
        return run.getMetadata().getName() + "-progress-writer";
    }

    public static String trainerServiceAccount(TrainingRun run) {
        return run.getSpec().serviceAccountName() != null
                ? run.getSpec().serviceAccountName()
                : run.getMetadata().getName() + "-trainer";
    }

    /** Whether the operator creates the pod's ServiceAccount, i.e. the spec names none. */
    public static boolean ownsServiceAccount(TrainingRun run) {
        return run.getSpec().serviceAccountName() == null;
    }
}
