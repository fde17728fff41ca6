package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Quantity;

/** Resources of the trainer container. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComputeResources(
        @Min(0)
        @Default("0")
        @JsonPropertyDescription(
                "NVIDIA GPUs (the nvidia.com/gpu limit); more than 0 selects the CUDA image by default.")
        Integer gpus,

        @JsonPropertyDescription("CPU request, e.g. 4 or 3500m.")
        Quantity cpu,

        @JsonPropertyDescription(
                "Memory request and limit, e.g. 16Gi; a container above it is OOMKilled, and the run says" + " so.")
        Quantity memory) {

    public int gpuCount() {
        return gpus == null ? 0 : gpus;
    }
}
