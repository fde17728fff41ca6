package io.pixelpolish.operator.config;

import io.pixelpolish.operator.api.TrainingRunSpec;

/** The operator's default trainer images: the CPU build and the CUDA build of its own version. */
public record TrainerImages(String cpu, String cuda) {

    public String imageFor(TrainingRunSpec spec) {
        if (spec.image() != null) {
            return spec.image();
        }
        return spec.gpus() > 0 ? cuda : cpu;
    }
}
