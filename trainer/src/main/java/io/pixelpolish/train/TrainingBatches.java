package io.pixelpolish.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.data.ImageDataset;
import io.pixelpolish.data.MixedModalitySampler;
import io.pixelpolish.env.Degradation;
import java.util.Random;

/**
 * Each update's input images {@code [B, 3, S, S]}: fresh degraded crops, or for GRPO
 * {@code B / group_size} of them each repeated {@code group_size} times in a row, so every group
 * starts from the same image. Seeded by the update a run starts at, so a resumed run draws anew.
 */
final class TrainingBatches {
    private final MixedModalitySampler sampler;
    private final Degradation degradation;
    private final Random rng;
    private final int group;
    private final int distinct;
    private final int cropSize;

    TrainingBatches(ImageDataset dataset, PixelPolishConfig cfg, Degradation degradation, int startUpdate) {
        PixelPolishConfig.Train train = cfg.train();
        this.sampler = new MixedModalitySampler(dataset, cfg.data(), cfg.seed() + startUpdate);
        this.degradation = degradation;
        this.rng = new Random(cfg.seed() * 17 + startUpdate);
        this.group = train.algorithm() == PixelPolishConfig.Algorithm.GRPO
                ? cfg.grpo().groupSize()
                : 1;
        this.distinct = train.batchSize() / group;
        this.cropSize = train.cropSize();
    }

    NDArray next(NDManager scope) {
        NDArray crops =
                scope.create(sampler.sample(distinct, cropSize).pixels(), new Shape(distinct, 3, cropSize, cropSize));
        NDArray degraded = degradation.apply(crops, rng);
        return group == 1 ? degraded : degraded.repeat(0, group);
    }
}
