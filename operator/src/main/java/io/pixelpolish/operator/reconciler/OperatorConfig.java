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
