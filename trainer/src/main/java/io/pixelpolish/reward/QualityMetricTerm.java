package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import io.pixelpolish.reward.iqa.QualityMetric;

/**
 * A {@link QualityMetric} as a reward term: higher is better, so measures where lower is better (NIQE,
 * BRISQUE) are negated. Such measures get a worst score: beyond it, and where the measure is undefined
 * (NaN, e.g. NIQE of an image flattened to one value), the term pays as for that score, so a single
 * pathological image can neither poison the batch with NaN nor dominate its advantages.
 */
public final class QualityMetricTerm implements RewardTerm {
    private final QualityMetric metric;
    private final float worst;

    /** A term for a measure where higher is better and every score is defined (CLIP-IQA, MUSIQ). */
    public static QualityMetricTerm higherIsBetter(QualityMetric metric) {
        if (metric.lowerIsBetter()) {
            throw new IllegalArgumentException(metric.name() + " is lower-is-better: give it a worst score");
        }
        return new QualityMetricTerm(metric, Float.NaN);
    }

    /** A term for a lower-is-better measure, saturating at {@code worst}. */
    public static QualityMetricTerm lowerIsBetter(QualityMetric metric, double worst) {
        if (!metric.lowerIsBetter()) {
            throw new IllegalArgumentException(metric.name() + " is higher-is-better: it needs no worst score");
        }
        return new QualityMetricTerm(metric, (float) worst);
    }

    private QualityMetricTerm(QualityMetric metric, float worst) {
        this.metric = metric;
        this.worst = worst;
    }

    @Override
    public String name() {
        return metric.name();
    }

    @Override
    public NDArray score(RewardInput input) {
        NDArray raw = metric.score(input.rgb());
        if (!metric.lowerIsBetter()) {
            return raw;
        }
        NDArray bounded = NDArrays.where(raw.isNaN(), raw.zerosLike().addi(worst), raw.minimum(worst));
        raw.close();
        return bounded.negi();
    }
}
