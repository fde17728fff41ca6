package io.pixelpolish.operator.config;

import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Optional;

/**
 * How the operator asks for GPUs: the extended resource name of the cluster's device plugin and the
 * CPU and memory a GPU run gets when its spec sets none (a GPU pod without them is easily starved).
 */
public record GpuDefaults(String resourceName, Optional<Quantity> cpu, Optional<Quantity> memory) {
    /** The extended resource of NVIDIA's device plugin, the usual one. */
    public static final String NVIDIA_GPU = "nvidia.com/gpu";
}
