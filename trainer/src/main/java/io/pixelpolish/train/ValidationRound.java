package io.pixelpolish.train;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.contract.metrics.ValidationMeasure;
import io.pixelpolish.data.DataException;
import io.pixelpolish.inference.PolicyEnhancer;
import io.pixelpolish.policy.PolicyAgent;
import io.pixelpolish.reward.QualityMetrics;
import io.pixelpolish.validation.ValidationSets;
import io.pixelpolish.validation.Validator;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's fixed ruler: every {@code validation.every} updates and at the last one, the
 * deterministic policy enhances the validation sets through the path {@code enhance} takes, and the
 * {@code val/} measures join the update's metrics, before the checkpoints pick {@code best.ckpt}
 * from them. Images and scores stay on the host, so they match {@code eval} on any device.
 */
final class ValidationRound implements UpdateListener {
    private static final Logger LOG = LoggerFactory.getLogger(ValidationRound.class);

    private final Validator validator;
    private final PolicyEnhancer policy;
    private final int every;
    private final int totalUpdates;

    private ValidationRound(Validator validator, PolicyEnhancer policy, int every, int totalUpdates) {
        this.validator = validator;
        this.policy = policy;
        this.every = every;
        this.totalUpdates = totalUpdates;
    }

    /** The round {@code cfg.validation()} asks for, its images read and scored unenhanced; empty without validation. */
    static Optional<ValidationRound> create(PixelPolishConfig cfg, PolicyAgent agent) throws IOException {
        PixelPolishConfig.Validation validation = cfg.validation();
        if (!validation.enabled()) {
            return Optional.empty();
        }
        try (NDManager host = NDManager.newBaseManager(Device.cpu())) {
            ValidationSets sets = ValidationSets.load(validation, host);
            requireBestSetExists(cfg.checkpoint().best(), sets);
            Validator validator =
                    new Validator(sets, QualityMetrics.forConfig(cfg.reward()), validation.measures(), host);
            LOG.info(
                    "validating every {} updates on {} images of {} from {}",
                    validation.every(),
                    sets.size(),
                    sets.labels(),
                    validation.dataRoot());
            return Optional.of(new ValidationRound(
                    validator,
                    PolicyEnhancer.ofRunningPolicy(agent, cfg),
                    validation.every(),
                    cfg.train().totalUpdates()));
        }
    }

    /** Whether this run's validation reports {@code val/quality}, which the validation hacking watch reads. */
    static boolean reportsQuality(PixelPolishConfig.Validation validation) {
        return validation.enabled()
                && (validation.measures().isEmpty()
                        || validation.measures().contains(ValidationMeasure.QUALITY.measureName()));
    }

    private static void requireBestSetExists(String best, ValidationSets sets) {
        String[] parts = best.split("/");
        if (Metric.validationMeasureOf(best).isPresent()
                && parts.length == 3
                && !sets.labels().contains(parts[1])) {
            throw new DataException(
                    "checkpoint.best " + best + ": no validation set " + parts[1] + " (sets: " + sets.labels() + ")");
        }
    }

    @Override
    public void updated(int update, Map<String, Double> metrics) {
        if (update % every != 0 && update != totalUpdates) {
            return;
        }
        long began = System.nanoTime();
        Map<String, Double> values;
        try (NDManager host = NDManager.newBaseManager(Device.cpu())) {
            values = validator.score(policy, host);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        metrics.putAll(values);
        metrics.put(Metric.VALIDATION_SECONDS.key(), seconds);
        LOG.info(
                "update {}: validation on {} images in {} s: {}",
                update,
                validator.sets().size(),
                String.format("%.1f", seconds),
                summary(values));
    }

    private static String summary(Map<String, Double> values) {
        StringBuilder line = new StringBuilder();
        values.forEach((key, value) -> {
            if (key.split("/").length == 2 && !key.endsWith("_delta")) {
                line.append(line.isEmpty() ? "" : ", ").append(key).append(' ').append(String.format("%.4g", value));
            }
        });
        return line.toString();
    }
}
