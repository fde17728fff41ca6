package io.pixelpolish.operator.config;

import io.fabric8.kubernetes.api.model.Quantity;
import io.pixelpolish.operator.api.SecretRef;
import io.pixelpolish.operator.api.TrackingSpec;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

    Mlflow mlflow();

    Admission admission();

    /** The limits of {@link AdmissionPolicy}; lists are comma-separated in an environment variable. */
    interface Admission {
        /** Prefixes one of which a run's spec.image must start with; unset: any image. */
        Optional<List<String>> allowedImagePrefixes();

        /** ServiceAccounts a run's spec.serviceAccountName may name; unset: any. */
        Optional<List<String>> allowedServiceAccounts();

        /** Whether a run may name a credentials Secret of its own (spec.tracking.credentialsSecretRef). */
        @WithDefault("true")
        boolean allowRunSecrets();
    }

    interface Trainer {
        /** Image of a run without spec.image and without GPUs. */
        String image();

        /** Image of a run without spec.image that asks for GPUs. */
        String cudaImage();

        /** Extended resource a run's GPUs are requested as. */
        @WithDefault(GpuDefaults.NVIDIA_GPU)
        String gpuResourceName();

        /** CPU request of a GPU run that sets none. */
        Optional<String> gpuDefaultCpu();

        /** Memory request and limit of a GPU run that sets none. */
        Optional<String> gpuDefaultMemory();
    }

    /** Where runs that name no MLflow server of their own record to. */
    interface Mlflow {
        Optional<String> trackingUri();

        /** Secret (in the run's namespace) with MLFLOW_TRACKING_* keys for such runs. */
        Optional<String> credentialsSecret();
    }

    default TrainerImages trainerImages() {
        return new TrainerImages(trainer().image(), trainer().cudaImage());
    }

    default GpuDefaults gpuDefaults() {
        return new GpuDefaults(
                trainer().gpuResourceName(),
                trainer().gpuDefaultCpu().map(Quantity::new),
                trainer().gpuDefaultMemory().map(Quantity::new));
    }

    default AdmissionPolicy admissionPolicy() {
        return new AdmissionPolicy(
                admission().allowedImagePrefixes().orElse(List.of()),
                admission().allowedServiceAccounts().orElse(List.of()),
                admission().allowRunSecrets());
    }

    default TrackingSpec trackingDefaults() {
        return new TrackingSpec(
                mlflow().trackingUri().orElse(null),
                null,
                mlflow().credentialsSecret().map(SecretRef::new).orElse(null));
    }
}
