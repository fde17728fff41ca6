package io.pixelpolish.reward;

import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.reward.iqa.Brisque;
import io.pixelpolish.reward.iqa.ClipIqa;
import io.pixelpolish.reward.iqa.IqaMetrics;
import io.pixelpolish.reward.iqa.Musiq;
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

    /**
     * The term called {@code name}, or empty when it is a learned model whose files are absent.
     *
     * @throws IllegalArgumentException when {@code name} is no IQA term, or a model path exists but
     *     cannot be used; the message starts with the config key
     */
    static Optional<RewardTerm> create(String name, double weight, PixelPolishConfig.Reward cfg) {
        return switch (name) {
            case Niqe.NAME -> Optional.of(QualityMetricTerm.lowerIsBetter(Niqe.pristine(), NIQE_WORST));
            case Brisque.NAME -> Optional.of(QualityMetricTerm.lowerIsBetter(Brisque.live(), BRISQUE_WORST));
            case ClipIqa.NAME, Musiq.NAME -> IqaMetrics.learned(name, cfg,
                            "reward.weights." + name + " = " + weight + " dropped, training goes on without this term")
                    .map(QualityMetricTerm::higherIsBetter);
            default -> throw new IllegalArgumentException("reward.weights." + name + ": no reward term has this name");
        };
    }
}
