package io.pixelpolish.train;

import io.pixelpolish.checkpoint.Checkpoint;
import io.pixelpolish.checkpoint.CheckpointStore;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.contract.metrics.ValidationMeasure;
import io.pixelpolish.policy.PolicyAgent;
import io.pixelpolish.rl.AdamOptimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The three checkpoints a run keeps: {@code best} whenever the metric it follows improves (a
 * validation measure in its own direction, or the held-out greedy reward),
 * the periodic ones every {@code checkpoint.interval} updates (and when the run stops early, so
 * {@code --resume} loses nothing), and {@code final} at the last update.
 */
final class TrainingCheckpoints implements UpdateListener {
    private final CheckpointStore store;
    private final PolicyAgent agent;
    private final AdamOptimizer optimizer;
    private final String configYaml;
    private final int interval;
    private final int totalUpdates;
    private final StopSignal stop;
    private final List<RunTracker> trackers;
    private final String bestMetric;
    private final ValidationMeasure.Goal bestGoal;
    private double best;

    TrainingCheckpoints(
            CheckpointStore store,
            PolicyAgent agent,
            AdamOptimizer optimizer,
            String configYaml,
            String bestMetric,
            int interval,
            int totalUpdates,
            StopSignal stop,
            List<RunTracker> trackers) {
        this.store = store;
        this.agent = agent;
        this.optimizer = optimizer;
        this.configYaml = configYaml;
        this.interval = interval;
        this.totalUpdates = totalUpdates;
        this.stop = stop;
        this.trackers = trackers;
        this.bestMetric = bestMetric;
        this.bestGoal = Metric.validationMeasureOf(bestMetric)
                .map(ValidationMeasure::goal)
                .orElse(ValidationMeasure.Goal.MAXIMIZE);
        this.best = store.bestScore()
                .filter(score -> score.metric().equals(bestMetric))
                .map(CheckpointStore.BestScore::value)
                .orElse(Double.NaN);
    }

    @Override
    public void updated(int update, Map<String, Double> metrics) throws IOException {
        double elapsed = metrics.get(Metric.ELAPSED_SECONDS.key());
        Double value = metrics.get(bestMetric);
        if (value != null && bestGoal.better(value, best)) {
            best = value;
            store.saveBest(snapshot(update, elapsed), new CheckpointStore.BestScore(bestMetric, value));
        }
        boolean last = update == totalUpdates;
        if (update % interval == 0 || last || stop.requested()) {
            Path file = store.save(snapshot(update, elapsed));
            trackers.forEach(t -> t.checkpointed(update, file));
            if (last) {
                store.saveFinal(snapshot(update, elapsed));
            }
        }
    }

    private Checkpoint snapshot(int update, double elapsed) {
        return new Checkpoint(
                update,
                optimizer.steps(),
                elapsed,
                configYaml,
                agent.parameterState().encode(),
                optimizer.state().encode());
    }
}
