package io.pixelpolish.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.checkpoint.Checkpoint;
import io.pixelpolish.checkpoint.CheckpointStore;
import io.pixelpolish.checkpoint.RunFolder;
import io.pixelpolish.config.ConfigException;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.EffectiveConfig;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.data.ImageDataset;
import io.pixelpolish.env.Degradation;
import io.pixelpolish.env.ImageEnv;
import io.pixelpolish.policy.PolicyAgent;
import io.pixelpolish.reward.CompositeReward;
import io.pixelpolish.rl.PpoUpdate;
import io.pixelpolish.rl.Rollout;
import io.pixelpolish.rl.RolloutCollector;
import io.pixelpolish.rl.UpdateStats;
import io.pixelpolish.tensor.Devices;
import java.io.IOException;
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
 * scope, so memory stays flat however long the run. Resumes from the newest intact checkpoint of
 * the run folder, as its only writer, and stops cleanly (checkpoint first) when asked to.
 */
public final class TrainingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingLoop.class);
    /** Keys a resumed run may change: they affect bookkeeping, not what is learned. */
    private static final Set<String> RESUME_MAY_CHANGE = Set.of(
            "device",
            "train.total_updates",
            "train.sample_interval",
            "train.sample_images",
            "checkpoint.interval",
            "checkpoint.keep_last",
            "tracking.mlflow_uri",
            "tracking.experiment",
            "tracking.flush_timeout_s",
            "validation.data_root",
            "validation.sets",
            "validation.every",
            "validation.max_images",
            "validation.max_side",
            "validation.measures",
            "checkpoint.best");

    /** How the run ended in this process. */
    public record Result(int startUpdate, int endUpdate, RunTracker.Status status) {}

    private final EffectiveConfig effective;
    private final PixelPolishConfig cfg;
    private final ImageDataset dataset;
    private final RunFolder folder;
    private final List<RunTracker> trackers;
    private final boolean restartIfDamaged;
    private final StopSignal stop = new StopSignal();

    /**
     * @param restartIfDamaged when every checkpoint of the run is damaged, train again from update 0
     *     instead of refusing to (which would drop the run's history)
     */
    public TrainingLoop(
            EffectiveConfig effective,
            ImageDataset dataset,
            RunFolder folder,
            List<RunTracker> trackers,
            boolean restartIfDamaged) {
        this.effective = effective;
        this.cfg = effective.config();
        this.dataset = dataset;
        this.folder = folder;
        this.trackers = List.copyOf(trackers);
        this.restartIfDamaged = restartIfDamaged;
    }

    /** Asks the loop to stop after the current update; it checkpoints first. */
    public void requestStop() {
        stop.request();
    }

    /**
     * Trains as the run folder's only writer, from its lock to the last tracker closed.
     *
     * @throws io.pixelpolish.contract.InvalidInputException when another process writes the run, or
     *     every checkpoint is damaged (without {@code restartIfDamaged})
     */
    public Result run() throws IOException {
        try (RunFolder.WriterLock lock = folder.lockForWriting()) {
            return runAsOnlyWriter();
        }
    }

    private Result runAsOnlyWriter() throws IOException {
        CheckpointStore checkpoints =
                new CheckpointStore(folder.checkpoints(), cfg.checkpoint().keepLast());
        checkpoints
                .removeTornTempFiles()
                .forEach(p -> LOG.warn("removed {} left by an interrupted checkpoint write", p));
        Optional<Checkpoint> resumeFrom = checkpoints.newestIntact(restartIfDamaged);
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

    /** Rollout, advantages and update, log, checkpoint: once per update, each in its own NDManager scope. */
    private Result train(PolicyAgent agent, PpoUpdate ppo, CheckpointStore checkpoints, int start, double elapsedBefore)
            throws IOException {
        PixelPolishConfig.Train train = cfg.train();
        CompositeReward reward = CompositeReward.fromConfig(cfg.reward());
        ImageEnv env = new ImageEnv(
                reward, agent.actions(), train.episodeLength(), cfg.reward().relative());
        RolloutCollector collector = new RolloutCollector(agent, env, train.bootstrapLastStep());
        Degradation degradation = new Degradation(cfg.data().degrade());
        TrainingBatches batches = new TrainingBatches(dataset, cfg, degradation, start);
        List<String> terms = reward.termNames();
        HeldOutEvaluation heldOut =
                new HeldOutEvaluation(agent, reward, cfg, dataset, degradation, folder.samples(), trackers);
        Optional<ValidationRound> validation = ValidationRound.create(cfg, agent);
        List<HackingSign> hackingSigns = List.of(
                new RewardHackingWatch(train.hackingWindow(), terms),
                new ValidationHackingWatch(terms, ValidationRound.reportsQuality(cfg.validation())));
        List<UpdateListener> listeners = new ArrayList<>();
        listeners.add(new DivergenceCheck());
        validation.ifPresent(listeners::add);
        listeners.add(new HackingAlarm(hackingSigns, train.stopOnHacking(), stop, trackers));
        listeners.add((done, metrics) -> trackers.forEach(t -> t.updated(done, metrics)));
        listeners.add(new TrainingCheckpoints(
                checkpoints,
                agent,
                ppo.optimizer(),
                effective.toYaml(),
                validation.isPresent() ? cfg.checkpoint().best() : Metric.GREEDY_REWARD.key(),
                cfg.checkpoint().interval(),
                train.totalUpdates(),
                stop,
                trackers));

        long began = System.nanoTime();
        int update = start;
        while (update < train.totalUpdates() && !stop.requested()) {
            long t0 = System.nanoTime();
            Map<String, Double> metrics = new LinkedHashMap<>();
            try (NDManager scope = agent.manager().newSubManager()) {
                Rollout rollout = collector.collect(batches.next(scope));
                UpdateStats stats = ppo.run(rollout, update);
                metrics.putAll(RewardMetrics.of(
                        rollout.termRewards().sum(new int[] {0}), terms, Metric.REWARD_MEAN.key(), Metric::rewardTerm));
                metrics.putAll(stats.asMetrics());
                metrics.put(Metric.ENTROPY_COEF.key(), train.entropyCoefAt(update));
                metrics.put(Metric.LEARNING_RATE.key(), train.lrAt(update));
                update++;
                metrics.putAll(heldOut.evaluate(scope, update));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            metrics.put(Metric.UPDATE_SECONDS.key(), seconds);
            metrics.put(Metric.IMAGES_PER_SECOND.key(), train.batchSize() / seconds);
            metrics.put(Metric.ELAPSED_SECONDS.key(), elapsedBefore + (System.nanoTime() - began) / 1e9);
            for (UpdateListener listener : listeners) {
                listener.updated(update, metrics);
            }
        }
        RunTracker.Status status =
                update == train.totalUpdates() ? RunTracker.Status.FINISHED : RunTracker.Status.KILLED;
        String message = status == RunTracker.Status.FINISHED
                ? "finished " + update + " updates"
                : stop.reason()
                        .orElse("stopped at update " + update + " of " + train.totalUpdates()
                                + " (checkpoint saved; --resume continues)");
        trackers.forEach(t -> t.finished(status, message));
        return new Result(start, update, status);
    }

    private void requireResumableConfig(Checkpoint checkpoint) {
        PixelPolishConfig saved =
                ConfigLoader.recorded("checkpoint", checkpoint.configYaml()).config();
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
                    + String.join(", ", RESUME_MAY_CHANGE.stream().sorted().toList())
                    + " may change), or start a new --run-name");
            throw new ConfigException("--resume " + folder.root(), changed);
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
