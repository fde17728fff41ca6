package io.pixelpolish.train;

import io.pixelpolish.contract.metrics.Metric;
import java.util.List;
import java.util.Map;

/** Fails the run at the first update whose reward or losses are not finite: nothing learned after that is usable. */
final class DivergenceCheck implements UpdateListener {
    private static final List<Metric> WATCHED =
            List.of(Metric.REWARD_MEAN, Metric.POLICY_LOSS, Metric.VALUE_LOSS, Metric.GRAD_NORM);

    @Override
    public void updated(int update, Map<String, Double> metrics) {
        for (Metric metric : WATCHED) {
            Double value = metrics.get(metric.key());
            if (!Double.isFinite(value)) {
                throw new IllegalStateException("training diverged at update " + update + ": " + metric.key() + " is "
                        + value + " (try a lower train.lr or train.max_grad_norm)");
            }
        }
    }
}
