package io.pixelpolish.rl;

import io.pixelpolish.contract.metrics.Metric;
import java.util.LinkedHashMap;
import java.util.Map;

/** Diagnostics of one PPO update, averaged over its minibatches (named as the metric registry names them). */
public record UpdateStats(
        double policyLoss,
        double valueLoss,
        double entropy,
        double approxKl,
        double clipFrac,
        double gradNorm,
        double logStdMean,
        double explainedVariance,
        int minibatchesRun) {

    public Map<String, Double> asMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(Metric.POLICY_LOSS.key(), policyLoss);
        m.put(Metric.VALUE_LOSS.key(), valueLoss);
        m.put(Metric.ENTROPY.key(), entropy);
        m.put(Metric.APPROX_KL.key(), approxKl);
        m.put(Metric.CLIP_FRACTION.key(), clipFrac);
        m.put(Metric.GRAD_NORM.key(), gradNorm);
        m.put(Metric.LOG_STD_MEAN.key(), logStdMean);
        m.put(Metric.EXPLAINED_VARIANCE.key(), explainedVariance);
        return m;
    }
}
