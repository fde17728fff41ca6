package io.pixelpolish.tensor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.pixelpolish.config.ConfigException;
import io.pixelpolish.config.PixelPolishConfig.DeviceChoice;

/** Maps the config's {@code device} to a DJL device: CUDA when asked for or, on auto, when present. */
public final class Devices {
    private Devices() {}

    public static Device select(DeviceChoice choice) {
        int gpus = Engine.getInstance().getGpuCount();
        return switch (choice) {
            case CPU -> Device.cpu();
            case AUTO -> gpus > 0 ? Device.gpu() : Device.cpu();
            case GPU -> {
                if (gpus == 0) {
                    throw new ConfigException(
                            "device",
                            "device: gpu was requested but the PyTorch engine sees no CUDA device "
                                    + "(engine " + Engine.getInstance().getEngineName() + " "
                                    + Engine.getInstance().getVersion()
                                    + "); use device: auto or cpu, or run the CUDA build of the trainer");
                }
                yield Device.gpu();
            }
        };
    }
}
