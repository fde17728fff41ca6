package io.pixelpolish.cli;

import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.rl.UpdateBenchmark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Time full PPO updates (a rollout of K curve steps plus ppo_epochs of forward/backward, one minibatch of --batch "
                    + "images per step) on random dark images, and print update_s=<s> images_per_s=<n>.",
            "With --reference ppo_step_bench.py, the PyTorch-Python reference runs alternately on the same shapes and threads "
                    + "and the speed ratio is printed."
        })
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Mixin
    EngineOptions engineOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--batch", defaultValue = "8", description = "Images per rollout. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--size", defaultValue = "64", description = "Image side in pixels. Default: ${DEFAULT-VALUE}.")
    int size;

    @Option(names = "--width", defaultValue = "32", description = "Network width. Default: ${DEFAULT-VALUE}.")
    int width;

    @Option(names = "--iters", defaultValue = "5", description = "Timed updates per round. Default: ${DEFAULT-VALUE}.")
    int iters;

    @Option(names = "--warmup", defaultValue = "1", description = "Untimed updates first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(
            names = "--rounds",
            defaultValue = "1",
            description = "Rounds (alternating with --reference). Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu. Default: ${DEFAULT-VALUE}.")
    PixelPolishConfig.DeviceChoice device;

    @Option(
            names = "--full-reward",
            description = "Use the configured composite reward instead of the reference's Sobel-gradient reward.")
    boolean fullReward;

    @Option(
            names = "--reference",
            paramLabel = "SCRIPT",
            description = "Python reference (ppo_step_bench.py) to time alternately, run with --python.")
    Path reference;

    @Option(
            names = "--python",
            defaultValue = "python3",
            description = "Python interpreter for --reference. Default: ${DEFAULT-VALUE}.")
    String python;

    @Override
    public Integer call() throws Exception {
        engineOptions.apply();
        int episodeLength = configOptions.load().config().train().episodeLength();
        List<String> shape = new ArrayList<>(List.of(
                "train.batch_size=" + batch,
                "train.crop_size=" + size,
                "model.width=" + width,
                "train.minibatches=" + episodeLength,
                "device=" + device.name().toLowerCase()));
        if (!fullReward) {
            shape.addAll(List.of("reward.weights.entropy=0", "reward.weights.eme=0", "reward.weights.gradient=1"));
        }
        new UpdateBenchmark(new UpdateBenchmark.Settings(
                        batch, size, width, iters, warmup, rounds, fullReward, reference, python))
                .run(configOptions.load(shape).config(), spec.commandLine().getOut());
        return 0;
    }
}
