package io.pixelpolish.reward.iqa;

import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quality measures a config makes available, for evaluation and for the reward. NIQE and BRISQUE
 * ship with the trainer. CLIP-IQA and MUSIQ are learned models named by {@code reward.clipiqa_model}
 * and {@code reward.musiq_model}, a soft dependency as in the seed: an empty or absent path means the
 * measure is not available, which is logged once per process; a path that exists but holds no usable
 * model is an error. Learned models are opened once per process and shared, so their weights load once.
 */
public final class IqaMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(IqaMetrics.class);
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();
    private static final Map<Path, QualityMetric> LOADED = new ConcurrentHashMap<>();

    private IqaMetrics() {}

    /** NIQE, BRISQUE (both variants) and the learned measures whose model files are there. */
    public static List<QualityMetric> available(PixelPolishConfig.Reward cfg) {
        List<QualityMetric> metrics = new ArrayList<>(List.of(Niqe.pristine(), Brisque.live(), Brisque.liveRelease()));
        for (String name : List.of(ClipIqa.NAME, Musiq.NAME)) {
            learned(name, cfg, "it is not measured").ifPresent(metrics::add);
        }
        return metrics;
    }

    /**
     * The learned measure {@code name} ({@value ClipIqa#NAME} or {@value Musiq#NAME}) from the path the
     * config names, or empty when it is not configured or not there.
     *
     * @param consequence what being absent means, completing the one log line about it
     * @throws InvalidInputException when the path exists but holds no usable model (the message
     *     starts with the config key), or {@code name} is no learned measure
     */
    public static Optional<QualityMetric> learned(String name, PixelPolishConfig.Reward cfg, String consequence) {
        return switch (name) {
            case ClipIqa.NAME -> open(name, "reward.clipiqa_model", cfg.clipiqaModel(), consequence, ClipIqa::open);
            case Musiq.NAME -> open(name, "reward.musiq_model", cfg.musiqModel(), consequence, Musiq::open);
            default -> throw new IllegalArgumentException("no learned quality measure is called '" + name + "'");
        };
    }

    private static Optional<QualityMetric> open(
            String name, String key, String configured, String consequence, Function<Path, QualityMetric> open) {
        String missing = configured.isBlank()
                ? key + " is empty"
                : Files.exists(Path.of(configured)) ? null : "nothing at " + key + " = " + configured;
        if (missing != null) {
            String message = "no " + name + " model (" + missing + "): " + consequence;
            if (ANNOUNCED.add(message)) {
                LOG.info(message);
            }
            return Optional.empty();
        }
        try {
            return Optional.of(
                    LOADED.computeIfAbsent(Path.of(configured).toAbsolutePath().normalize(), open));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(key + ": " + e.getMessage(), e);
        }
    }
}
