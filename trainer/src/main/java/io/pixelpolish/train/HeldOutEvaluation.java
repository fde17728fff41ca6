package io.pixelpolish.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.checkpoint.CannotWriteException;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.data.ImageDataset;
import io.pixelpolish.data.MixedModalitySampler;
import io.pixelpolish.env.Degradation;
import io.pixelpolish.image.ContactSheet;
import io.pixelpolish.policy.PolicyAgent;
import io.pixelpolish.reward.CompositeReward;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The deterministic policy on one fixed batch of degraded crops, drawn once with its own seeds:
 * its reward gain {@code R(after) - R(before)} (a training diagnostic; best.ckpt follows it only without validation) every
 * {@code train.eval_interval} updates, and a before/after contact sheet every
 * {@code train.sample_interval}. The batch stays on the host and is uploaded per use.
 */
final class HeldOutEvaluation {
    private final PolicyAgent agent;
    private final CompositeReward reward;
    private final PixelPolishConfig.Train train;
    private final Path samples;
    private final List<RunTracker> trackers;
    private final Shape shape;
    private final float[] batch;

    HeldOutEvaluation(
            PolicyAgent agent,
            CompositeReward reward,
            PixelPolishConfig cfg,
            ImageDataset dataset,
            Degradation degradation,
            Path samples,
            List<RunTracker> trackers) {
        this.agent = agent;
        this.reward = reward;
        this.train = cfg.train();
        this.samples = samples;
        this.trackers = trackers;
        this.shape = new Shape(train.batchSize(), 3, train.cropSize(), train.cropSize());
        MixedModalitySampler sampler = new MixedModalitySampler(dataset, cfg.data(), cfg.seed() ^ 0x5EEDL);
        try (NDManager scope = agent.manager().newSubManager()) {
            NDArray clean = scope.create(
                    sampler.sample((int) shape.get(0), (int) shape.get(2)).pixels(), shape);
            this.batch =
                    degradation.apply(clean, new Random(cfg.seed() ^ 0xE7A1L)).toFloatArray();
        }
    }

    /**
     * Scores (and at sample updates pictures) the policy after {@code update} updates, when due.
     *
     * @return the {@code eval/} metrics, empty when this update is not evaluated
     */
    Map<String, Double> evaluate(NDManager scope, int update) throws IOException {
        boolean last = update == train.totalUpdates();
        boolean sample = update % train.sampleInterval() == 0 || last;
        if (!(sample || update % train.evalInterval() == 0 || update == 1)) {
            return Map.of();
        }
        NDArray before = scope.create(batch, shape);
        NDArray after = agent.enhance(before, train.episodeLength());
        Map<String, Double> metrics = RewardMetrics.of(
                reward.score(after, before).minus(reward.score(before)).perTerm(),
                reward.termNames(),
                Metric.GREEDY_REWARD.key(),
                Metric::greedyTerm);
        if (sample) {
            writeSample(before, after, update);
        }
        return metrics;
    }

    private void writeSample(NDArray before, NDArray after, int update) throws IOException {
        int n = Math.min(train.sampleImages(), (int) before.getShape().get(0));
        if (n == 0) {
            return;
        }
        Path file = samples.resolve(String.format("update-%06d.png", update));
        try {
            ContactSheet.writePairs(file, before.get("0:" + n), after.get("0:" + n));
        } catch (IOException e) {
            throw new CannotWriteException(file, e);
        }
        trackers.forEach(t -> t.sampleWritten(update, file));
    }
}
