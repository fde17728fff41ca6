package io.pixelpolish.rl;

import java.util.LinkedHashMap;
import java.util.Map;

/** Diagnostics of one PPO update, averaged over its minibatches (cleanrl's names). */
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
        m.put("policy_loss", policyLoss);
        m.put("value_loss", valueLoss);
        m.put("entropy", entropy);
        m.put("approx_kl", approxKl);
        m.put("clip_frac", clipFrac);
        m.put("grad_norm", gradNorm);
        m.put("log_std_mean", logStdMean);
        m.put("explained_variance", explainedVariance);
        return m;
    }
}
