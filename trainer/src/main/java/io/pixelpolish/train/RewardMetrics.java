package io.pixelpolish.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Per-image term rewards as batch-mean metrics: the total and each term's share, in one host copy. */
final class RewardMetrics {
    private RewardMetrics() {}

    /**
     * @param termRewards {@code [terms, B]}, rows in the order of {@code terms}
     * @param termKey the metric key of one term's share
     */
    static Map<String, Double> of(
            NDArray termRewards, List<String> terms, String totalKey, UnaryOperator<String> termKey) {
        NDArray perTerm = termRewards.mean(new int[] {1});
        float[] values =
                NDArrays.concat(new NDList(perTerm.sum().reshape(1), perTerm)).toFloatArray();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(totalKey, (double) values[0]);
        for (int i = 0; i < terms.size(); i++) {
            metrics.put(termKey.apply(terms.get(i)), (double) values[i + 1]);
        }
        return metrics;
    }
}
