package io.pixelpolish.reward;

import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.iqa.Brisque;
import io.pixelpolish.iqa.ClipIqa;
import io.pixelpolish.iqa.Musiq;
import io.pixelpolish.iqa.Niqe;
import io.pixelpolish.iqa.QualityMetric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The no-reference IQA reward terms. NIQE and BRISQUE ship with the trainer and are always available.
 * CLIP-IQA and MUSIQ are learned models loaded from the files named in the config, a soft dependency
 * as in the seed: when a positive weight's model is not configured or its path does not exist, the
 * term is dropped and that is logged once per process; a path that exists but does not hold a usable
 * model is an error.
 */
final class IqaTerms {
    /**
     * The NIQE the reward saturates at: heavily distorted images score ~15 (TID2013's worst reference
     * comparisons), the shared test sets at most 12; beyond 30 nothing is left to tell apart.
     */
    static final double NIQE_WORST = 30;
    /** BRISQUE's scale ends at 100 (the LIVE release: "0 represents the best quality, 100 the worst"). */
    static final double BRISQUE_WORST = 100;

    private static final Logger LOG = LoggerFactory.getLogger(IqaTerms.class);
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();
    /**
     * Learned models by file, opened once per process: every reward built from the config (training,
     * evaluation, bench rounds) shares them, so their weights are loaded once and live as long as the
     * trainer.
     */
    private static final Map<Path, QualityMetric> LOADED = new ConcurrentHashMap<>();

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
            case ClipIqa.NAME -> learned(name, weight, "reward.clipiqa_model", cfg.clipiqaModel(), ClipIqa::open);
            case Musiq.NAME -> learned(name, weight, "reward.musiq_model", cfg.musiqModel(), Musiq::open);
            default -> throw new IllegalArgumentException("reward.weights." + name + ": no reward term has this name");
        };
    }

    private static Optional<RewardTerm> learned(
            String name, double weight, String key, String configured, Function<Path, QualityMetric> open) {
        return modelPath(name, weight, key, configured).map(path -> {
            try {
                return QualityMetricTerm.higherIsBetter(LOADED.computeIfAbsent(path.toAbsolutePath().normalize(), open));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
            }
        });
    }

    private static Optional<Path> modelPath(String name, double weight, String key, String configured) {
        String missing;
        if (configured.isBlank()) {
            missing = key + " is empty";
        } else if (!Files.exists(Path.of(configured))) {
            missing = "nothing at " + key + " = " + configured;
        } else {
            return Optional.of(Path.of(configured));
        }
        String message = "reward.weights." + name + " = " + weight + " dropped: no " + name + " model (" + missing
                + "); training goes on without this term";
        if (ANNOUNCED.add(message)) {
            LOG.info(message);
        }
        return Optional.empty();
    }
}
