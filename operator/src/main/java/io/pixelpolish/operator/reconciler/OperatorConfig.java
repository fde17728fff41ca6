package io.pixelpolish.operator.reconciler;

import io.pixelpolish.operator.job.TrainerImages;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Operator settings: pixelpolish.operator.* in application.properties, or PIXELPOLISH_OPERATOR_* environment variables. */
@ConfigMapping(prefix = "pixelpolish.operator")
public interface OperatorConfig {

    Trainer trainer();

    /** How often a run whose base ConfigMap does not exist yet looks for it again. */
    @WithDefault("30s")
    Duration missingConfigMapRecheck();

    /**
     * How long a reconcile waits for one MLflow call (creating or closing a sweep's parent run);
     * slower calls are abandoned and tried again on a later reconcile.
     */
    @WithDefault("5s")
    Duration mlflowCallLimit();

    /** How soon an Ablation whose parent run MLflow could not take yet is reconciled again. */
    @WithDefault("30s")
    Duration mlflowRetry();

    interface Trainer {
        /** Image of a run without spec.image and without GPUs. */
        String image();

        /** Image of a run without spec.image that asks for GPUs. */
        String cudaImage();
    }

    default TrainerImages trainerImages() {
        return new TrainerImages(trainer().image(), trainer().cudaImage());
    }
}
