package io.pixelpolish.rl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.config.ConfigException;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.EffectiveConfig;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.data.ImageDataset;
import io.pixelpolish.data.MixedModalitySampler;
import io.pixelpolish.env.Degradation;
import io.pixelpolish.env.ImageEnv;
import io.pixelpolish.io.Checkpoint;
import io.pixelpolish.io.CheckpointStore;
import io.pixelpolish.io.RunFolder;
import io.pixelpolish.io.RunInfo;
import io.pixelpolish.io.RunTracker;
import io.pixelpolish.io.ContactSheet;
import io.pixelpolish.reward.CompositeReward;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole training run: sample a batch, degrade it, play K curve steps, learn with PPO, report,
 * checkpoint; repeated {@code train.total_updates} times. Each update lives in its own NDManager
 * scope, so memory stays flat however long the run. Resumes from the newest readable checkpoint
 * of the run folder, and stops cleanly (checkpoint first) when asked to.
 */
public final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    /** Keys a resumed run may change: they affect bookkeeping, not what is learned. */
    private static final Set<String> RESUME_MAY_CHANGE = Set.of(
            "device", "train.total_updates", "train.sample_interval", "train.sample_images",
            "checkpoint.interval", "checkpoint.keep_last", "tracking.mlflow_uri", "tracking.experiment",
            "tracking.flush_timeout_s");

    /** How the run ended in this process. */
    public record Result(int startUpdate, int endUpdate, RunTracker.Status status) {}

    private final EffectiveConfig effective;
    private final PixelPolishConfig cfg;
    private final ImageDataset dataset;
    private final RunFolder folder;
    private final List<RunTracker> trackers;
    private volatile boolean stopRequested;

    public TrainingLoop(EffectiveConfig effective, ImageDataset dataset, RunFolder folder, List<RunTracker> trackers) {
        this.effective = effective;
        this.cfg = effective.config();
        this.dataset = dataset;
        this.folder = folder;
        this.trackers = List.copyOf(trackers);
    }

    /** Asks the loop to stop after the current update; it checkpoints first. */
    public void requestStop() {
        stopRequested = true;
    }

    public Result run() throws IOException {
        CheckpointStore checkpoints = new CheckpointStore(folder.checkpoints(), cfg.checkpoint().keepLast());
        checkpoints.removeTornTempFiles().forEach(p -> LOG.warn("removed {} left by an interrupted checkpoint write", p));
        Optional<Checkpoint> resumeFrom = checkpoints.latestReadable();
        resumeFrom.ifPresent(this::requireResumableConfig);
        int start = resumeFrom.map(Checkpoint::update).orElse(0);
        int total = cfg.train().totalUpdates();
        if (start >= total) {
            LOG.info("run {} already has {} of {} updates; nothing to do", folder.name(), start, total);
            return new Result(start, start, RunTracker.Status.FINISHED);
        }
        Device device = Devices.select(cfg.device());
        Engine.getInstance().setRandomSeed(Long.hashCode(cfg.seed() * 1_000_003L + start));
        try (PolicyAgent agent = new PolicyAgent(cfg, device)) {
            PpoUpdate ppo = new PpoUpdate(agent, cfg, new Random(cfg.seed() * 31 + start));
            double elapsedBefore = 0;
            if (resumeFrom.isPresent()) {
                Checkpoint c = resumeFrom.get();
                try (NDManager scratch = agent.manager().newSubManager()) {
                    agent.restoreParameters(c.modelArrays(scratch));
                    ppo.optimizer().restore(c.optimizerArrays(scratch), c.optimizerSteps());
                }
                elapsedBefore = c.elapsedSeconds();
                LOG.info("resuming run {} from update {} of {}", folder.name(), start, total);
            }
            RunFolder.writeAtomically(folder.configFile(), effective.toYaml());
            LOG.info("device {}, {} parameters, data: {}", device, parameterCount(agent), dataset.summary());
            RunInfo info = new RunInfo(folder.name(), folder, effective, start, total);
            trackers.forEach(t -> t.started(info));
            return train(agent, ppo, checkpoints, start, elapsedBefore);
        } catch (IOException | RuntimeException e) {
            trackers.forEach(t -> t.finished(RunTracker.Status.FAILED, e.getMessage()));
            throw e;
        } finally {
            trackers.forEach(RunTracker::close);
        }
    }

    private Result train(PolicyAgent agent, PpoUpdate ppo, CheckpointStore checkpoints, int start, double elapsedBefore)
            throws IOException {
        PixelPolishConfig.Train train = cfg.train();
        CompositeReward reward = CompositeReward.fromConfig(cfg.reward());
        ImageEnv env = new ImageEnv(reward, agent.actions(), train.episodeLength(), cfg.reward().relative());
        RolloutCollector collector = new RolloutCollector(agent, env, train.bootstrapLastStep());
        Degradation degradation = new Degradation(cfg.data().degrade());
        Random degradationRng = new Random(cfg.seed() * 17 + start);
        MixedModalitySampler sampler = new MixedModalitySampler(dataset, cfg.data(), cfg.seed() + start);
        List<String> terms = reward.termNames();
        RewardHackingWatch watch = new RewardHackingWatch(train.hackingWindow(), terms);
        String stopReason = null;
        Shape batchShape = new Shape(train.batchSize(), 3, train.cropSize(), train.cropSize());
        float[] heldOut = heldOutBatch(agent, degradation, batchShape);

        double bestGreedy = checkpoints.bestGreedyReward().orElse(Double.NEGATIVE_INFINITY);
        long began = System.nanoTime();
        int update = start;
        while (update < train.totalUpdates() && !stopRequested) {
            long t0 = System.nanoTime();
            Map<String, Double> metrics = new LinkedHashMap<>();
            try (NDManager scope = agent.manager().newSubManager()) {
                NDArray images = groupedInputs(scope, sampler, degradation, degradationRng);
                Rollout rollout = collector.collect(images);
                UpdateStats stats = ppo.run(rollout, update);
                float[] episode = episodeRewards(rollout);
                metrics.put("reward_mean", (double) episode[0]);
                for (int i = 0; i < terms.size(); i++) {
                    metrics.put("reward_" + terms.get(i), (double) episode[i + 1]);
                }
                metrics.putAll(stats.asMetrics());
                metrics.put("entropy_coef", train.entropyCoefAt(update));
                metrics.put("lr", train.lrAt(update));
                update++;
                boolean last = update == train.totalUpdates();
                if (update % train.evalInterval() == 0 || update % train.sampleInterval() == 0 || last || update == 1) {
                    NDArray before = scope.create(heldOut, batchShape);
                    NDArray after = agent.enhance(before, train.episodeLength());
                    float[] greedy = greedyRewards(reward, before, after);
                    metrics.put("greedy_reward", (double) greedy[0]);
                    for (int i = 0; i < terms.size(); i++) {
                        metrics.put("greedy_" + terms.get(i), (double) greedy[i + 1]);
                    }
                    if (update % train.sampleInterval() == 0 || last) {
                        writeSample(before, after, update);
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double elapsed = elapsedBefore + (System.nanoTime() - began) / 1e9;
            metrics.put("update_s", seconds);
            metrics.put("images_per_s", train.batchSize() / seconds);
            metrics.put("elapsed_s", elapsed);
            requireFinite(update, metrics);
            if (watch.active()) {
                boolean suspected = watch.observe(metrics);
                metrics.put("reward_hacking", suspected ? 1.0 : 0.0);
                if (suspected) {
                    LOG.warn("update {}: reward hacking suspected: {}", update, watch.describe());
                    if (train.stopOnHacking()) {
                        stopReason = "stopped at update " + update + ": reward hacking suspected (" + watch.describe() + ")";
                        requestStop();
                    }
                }
            }
            int done = update;
            trackers.forEach(t -> t.updated(done, metrics));
            Double greedy = metrics.get("greedy_reward");
            if (greedy != null && greedy > bestGreedy) {
                bestGreedy = greedy;
                checkpoints.saveBest(snapshot(agent, ppo.optimizer(), update, elapsed), greedy);
            }
            if (update % cfg.checkpoint().interval() == 0 || update == train.totalUpdates() || stopRequested) {
                Path file = checkpoints.save(snapshot(agent, ppo.optimizer(), update, elapsed));
                trackers.forEach(t -> t.checkpointed(done, file));
                if (update == train.totalUpdates()) {
                    checkpoints.saveFinal(snapshot(agent, ppo.optimizer(), update, elapsed));
                }
            }
        }
        RunTracker.Status status = update == train.totalUpdates() ? RunTracker.Status.FINISHED : RunTracker.Status.KILLED;
        String message = status == RunTracker.Status.FINISHED
                ? "finished " + update + " updates"
                : stopReason != null
                        ? stopReason
                        : "stopped at update " + update + " of " + train.totalUpdates() + " (checkpoint saved; --resume continues)";
        trackers.forEach(t -> t.finished(status, message));
        return new Result(start, update, status);
    }

    /**
     * This update's input images {@code [B, 3, S, S]}: fresh degraded crops, or for GRPO
     * {@code B / group_size} of them each repeated {@code group_size} times in a row, so every group
     * starts from the same image.
     */
    private NDArray groupedInputs(NDManager scope, MixedModalitySampler sampler, Degradation degradation, Random rng) {
        PixelPolishConfig.Train train = cfg.train();
        int group = train.algorithm() == PixelPolishConfig.Algorithm.GRPO ? cfg.grpo().groupSize() : 1;
        int distinct = train.batchSize() / group;
        NDArray crops = scope.create(sampler.sample(distinct, train.cropSize()).pixels(),
                new Shape(distinct, 3, train.cropSize(), train.cropSize()));
        NDArray degraded = degradation.apply(crops, rng);
        return group == 1 ? degraded : degraded.repeat(0, group);
    }

    /** Mean episode return and each term's share of it, in one host copy: {@code [1 + terms]}. */
    private static float[] episodeRewards(Rollout rollout) {
        return totalAndTerms(rollout.termRewards().sum(new int[] {0}));
    }

    /** The deterministic policy's gain {@code R(after) - R(before)} and each term's share: {@code [1 + terms]}. */
    private static float[] greedyRewards(CompositeReward reward, NDArray before, NDArray after) {
        return totalAndTerms(reward.score(after).minus(reward.score(before)).perTerm());
    }

    /** {@code [terms, B]} per-image term rewards to their batch means, total first. */
    private static float[] totalAndTerms(NDArray termRewards) {
        NDArray perTerm = termRewards.mean(new int[] {1});
        return NDArrays.concat(new NDList(perTerm.sum().reshape(1), perTerm)).toFloatArray();
    }

    /**
     * A fixed batch of degraded crops, drawn once with its own seeds, on which the deterministic
     * policy is scored and pictured through the run; kept on the host and uploaded per use.
     */
    private float[] heldOutBatch(PolicyAgent agent, Degradation degradation, Shape shape) {
        MixedModalitySampler sampler = new MixedModalitySampler(dataset, cfg.data(), cfg.seed() ^ 0x5EEDL);
        try (NDManager scope = agent.manager().newSubManager()) {
            NDArray clean = scope.create(sampler.sample((int) shape.get(0), (int) shape.get(2)).pixels(), shape);
            return degradation.apply(clean, new Random(cfg.seed() ^ 0xE7A1L)).toFloatArray();
        }
    }

    private void writeSample(NDArray before, NDArray after, int update) throws IOException {
        int n = Math.min(cfg.train().sampleImages(), (int) before.getShape().get(0));
        if (n == 0) {
            return;
        }
        Path file = folder.samples().resolve(String.format("update-%06d.png", update));
        ContactSheet.writePairs(file, before.get("0:" + n), after.get("0:" + n));
        trackers.forEach(t -> t.sampleWritten(update, file));
    }

    private Checkpoint snapshot(PolicyAgent agent, AdamOptimizer optimizer, int update, double elapsed) {
        return new Checkpoint(update, optimizer.steps(), elapsed, effective.toYaml(),
                agent.parameterState().encode(), optimizer.state().encode());
    }

    private void requireResumableConfig(Checkpoint checkpoint) {
        PixelPolishConfig saved = ConfigLoader.recorded("checkpoint", checkpoint.configYaml()).config();
        Map<String, String> before = ConfigLoader.flatten(saved);
        Map<String, String> now = ConfigLoader.flatten(cfg);
        List<String> changed = new ArrayList<>();
        before.forEach((key, value) -> {
            if (!RESUME_MAY_CHANGE.contains(key) && !value.equals(now.get(key))) {
                changed.add(key + ": checkpoint has " + value + ", this run has " + now.get(key));
            }
        });
        if (!changed.isEmpty()) {
            changed.add("resume with the config in " + folder.configFile() + " (only "
                    + String.join(", ", RESUME_MAY_CHANGE.stream().sorted().toList()) + " may change), or start a new --run-name");
            throw new ConfigException("--resume " + folder.root(), changed);
        }
    }

    private static void requireFinite(int update, Map<String, Double> metrics) {
        for (String key : List.of("reward_mean", "policy_loss", "value_loss", "grad_norm")) {
            if (!Double.isFinite(metrics.get(key))) {
                throw new IllegalStateException("training diverged at update " + update + ": " + key + " is " + metrics.get(key)
                        + " (try a lower train.lr or train.max_grad_norm)");
            }
        }
    }

    private static long parameterCount(PolicyAgent agent) {
        long count = 0;
        for (var p : agent.parameters()) {
            count += p.getValue().getArray().size();
        }
        return count;
    }
}
