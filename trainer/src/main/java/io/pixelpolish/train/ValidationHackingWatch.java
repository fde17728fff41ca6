package io.pixelpolish.train;

import io.pixelpolish.contract.RewardTermId;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.contract.metrics.ValidationMeasure;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The seed's warning sign read off the fixed ruler: the learned reward terms pay more and more
 * while the validation quality, which no reward term sees, falls. It fires when over the last
 * {@value #VALIDATIONS} validations the learned terms' mean reward (averaged over the updates since
 * the validation before) rose each time and {@code val/quality} fell each time. The validation
 * scores the deterministic policy on fixed images, so a fall there is drift, not sampling noise.
 */
final class ValidationHackingWatch implements HackingSign {
    static final int VALIDATIONS = 3;
    private static final String QUALITY = Metric.validation(ValidationMeasure.QUALITY.measureName());

    private record Point(int update, double learnedReward, double quality) {}

    private final List<String> learnedKeys;
    private final boolean validated;
    private final Deque<Point> points = new ArrayDeque<>();
    private double learnedSum;
    private int learnedUpdates;

    /** @param validated whether the run validates with {@code val/quality} among its measures */
    ValidationHackingWatch(List<String> terms, boolean validated) {
        this.learnedKeys = terms.stream()
                .filter(t -> RewardTermId.byName(t).map(RewardTermId::kind).orElseThrow() == RewardTermId.Kind.LEARNED)
                .map(Metric::rewardTerm)
                .toList();
        this.validated = validated;
    }

    @Override
    public boolean active() {
        return validated && !learnedKeys.isEmpty();
    }

    @Override
    public Optional<String> observe(int update, Map<String, Double> metrics) {
        learnedSum += learnedKeys.stream()
                .mapToDouble(k -> metrics.getOrDefault(k, 0.0))
                .sum();
        learnedUpdates++;
        Double quality = metrics.get(QUALITY);
        if (quality == null) {
            return Optional.empty();
        }
        points.addLast(new Point(update, learnedSum / learnedUpdates, quality));
        learnedSum = 0;
        learnedUpdates = 0;
        if (points.size() > VALIDATIONS) {
            points.removeFirst();
        }
        return points.size() == VALIDATIONS && rising() ? Optional.of(describe()) : Optional.empty();
    }

    private boolean rising() {
        Point previous = null;
        for (Point point : points) {
            if (previous != null
                    && !(point.learnedReward() > previous.learnedReward() && point.quality() < previous.quality())) {
                return false;
            }
            previous = point;
        }
        return true;
    }

    private String describe() {
        Point first = points.getFirst(), last = points.getLast();
        return String.format(
                "learned-IQA rewards %s rose over the last %d validations (updates %d to %d: %.4g -> %.4g) while the"
                        + " fixed %s fell (%.4g -> %.4g): the policy may be pleasing the model, not improving the images",
                learnedKeys,
                VALIDATIONS,
                first.update(),
                last.update(),
                first.learnedReward(),
                last.learnedReward(),
                QUALITY,
                first.quality(),
                last.quality());
    }
}
