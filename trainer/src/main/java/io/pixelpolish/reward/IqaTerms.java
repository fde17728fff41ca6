package io.pixelpolish.reward;

import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.InvalidInputException;
import io.pixelpolish.contract.RewardTermId;
import io.pixelpolish.reward.iqa.Brisque;
import io.pixelpolish.reward.iqa.IqaMetrics;
import io.pixelpolish.reward.iqa.Niqe;
import java.util.Optional;

/**
 * The no-reference IQA reward terms: NIQE and BRISQUE always, CLIP-IQA and MUSIQ when their model
 * files are there (see {@link IqaMetrics}); a positive weight whose model is absent is dropped.
 */
final class IqaTerms {
    /**
     * The NIQE the reward saturates at: heavily distorted images score ~15 (TID2013's worst reference
     * comparisons), the shared test sets at most 12; beyond 30 nothing is left to tell apart.
     */
    static final double NIQE_WORST = 30;
    /** BRISQUE's scale ends at 100 (the LIVE release: "0 represents the best quality, 100 the worst"). */
    static final double BRISQUE_WORST = 100;

    private IqaTerms() {}

    static RewardTerm niqe() {
        return QualityMetricTerm.lowerIsBetter(Niqe.pristine(), NIQE_WORST);
    }

    static RewardTerm brisque() {
        return QualityMetricTerm.lowerIsBetter(Brisque.live(), BRISQUE_WORST);
    }

    /**
     * CLIP-IQA or MUSIQ, or empty when its model files are absent.
     *
     * @throws InvalidInputException when a model path exists but cannot be used; the message
     *     starts with the config key
     */
    static Optional<RewardTerm> learned(RewardTermId id, double weight, PixelPolishConfig.Reward cfg) {
        String name = id.termName();
        return IqaMetrics.learned(
                        name,
                        cfg,
                        "reward.weights." + name + " = " + weight + " dropped, training goes on without this term")
                .map(QualityMetricTerm::higherIsBetter);
    }
}
