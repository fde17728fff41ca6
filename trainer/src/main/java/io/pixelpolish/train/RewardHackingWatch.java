package io.pixelpolish.train;

import io.pixelpolish.contract.RewardTermId;
import io.pixelpolish.contract.metrics.Metric;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's reward-hacking warning made a check: a learned quality model can be pleased by
 * artefacts (CLIP-IQA by over-smoothing, for one) while the image gets physically worse. Over a
 * sliding window of updates, the watch fits a line to the learned terms' share of the reward and one
 * to the physics terms' share, and fires when the first clearly rises while the second clearly
 * falls. "Clearly" means a trend that explains at least a quarter of the variance (|r| >= 0.5), so
 * ordinary update-to-update noise does not trip it.
 */
public final class RewardHackingWatch implements HackingSign {
    private static final double MIN_CORRELATION = 0.5;

    private final int window;
    private final List<String> learned;
    private final List<String> physics;
    private final Deque<double[]> history = new ArrayDeque<>();

    /** @param terms the composite's term names; without learned and physics terms together the watch stays quiet */
    public RewardHackingWatch(int window, List<String> terms) {
        this.window = window;
        this.learned = ofKind(terms, RewardTermId.Kind.LEARNED);
        this.physics = ofKind(terms, RewardTermId.Kind.PHYSICS);
    }

    private static List<String> ofKind(List<String> terms, RewardTermId.Kind kind) {
        return terms.stream()
                .filter(t -> RewardTermId.byName(t).map(RewardTermId::kind).orElseThrow() == kind)
                .toList();
    }

    /** Whether the watch can ever fire for this reward. */
    @Override
    public boolean active() {
        return window > 0 && !learned.isEmpty() && !physics.isEmpty();
    }

    /**
     * Records one update's metrics ({@link Metric#rewardTerm} keys) and says whether the window now shows
     * learned rewards rising while physics rewards fall.
     */
    public boolean observe(Map<String, Double> metrics) {
        if (!active()) {
            return false;
        }
        history.addLast(new double[] {sum(metrics, learned), sum(metrics, physics)});
        if (history.size() > window) {
            history.removeFirst();
        }
        if (history.size() < window) {
            return false;
        }
        Trend learnedTrend = trend(0), physicsTrend = trend(1);
        return learnedTrend.slope() > 0
                && learnedTrend.correlation() >= MIN_CORRELATION
                && physicsTrend.slope() < 0
                && physicsTrend.correlation() <= -MIN_CORRELATION;
    }

    @Override
    public Optional<String> observe(int update, Map<String, Double> metrics) {
        return observe(metrics) ? Optional.of(describe()) : Optional.empty();
    }

    /** What fired, for the log and the run's final message. */
    public String describe() {
        return "learned-IQA rewards " + learned + " rose over the last " + window + " updates while physics rewards "
                + physics
                + " fell: the policy may be pleasing the model, not improving the images (inspect the samples)";
    }

    private static double sum(Map<String, Double> metrics, List<String> terms) {
        return terms.stream()
                .mapToDouble(t -> metrics.getOrDefault(Metric.rewardTerm(t), 0.0))
                .sum();
    }

    private record Trend(double slope, double correlation) {}

    /** Least-squares slope against the update index, and Pearson's r. */
    private Trend trend(int column) {
        int n = history.size();
        double meanX = (n - 1) / 2.0,
                meanY = history.stream().mapToDouble(v -> v[column]).average().orElse(0);
        double sxy = 0, sxx = 0, syy = 0;
        int x = 0;
        for (double[] values : history) {
            double dx = x++ - meanX, dy = values[column] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return new Trend(sxy / sxx, syy == 0 ? 0 : sxy / Math.sqrt(sxx * syy));
    }
}
