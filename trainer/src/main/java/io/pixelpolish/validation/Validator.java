package io.pixelpolish.validation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.contract.metrics.ValidationMeasure;
import io.pixelpolish.inference.Enhancer;
import io.pixelpolish.reward.FullReferenceMetrics;
import io.pixelpolish.reward.QualityMetrics;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Scores a policy on the validation sets with the fixed measures, never with the reward: per set and
 * pooled over every image, each mean also as its change against the unenhanced input, and the
 * {@link ValidationMeasure#QUALITY} composite. Means skip images where a measure is undefined (NIQE
 * on small images), as {@code eval}'s do. The inputs are scored once, when the validator is built.
 */
public final class Validator {
    /** A measure's scale floor in the quality composite, so a near-zero input value does not blow the gain up. */
    private static final Map<ValidationMeasure, Double> QUALITY_PARTS = new EnumMap<>(Map.of(
            ValidationMeasure.NIQE, 1.0,
            ValidationMeasure.BRISQUE, 1.0,
            ValidationMeasure.ENTROPY, 0.1,
            ValidationMeasure.COLORFULNESS, 1.0,
            ValidationMeasure.EXPOSURE_ERROR, 0.05));

    private record Scored(ValidationSets.Image image, Map<String, Double> input, Map<String, Double> output) {}

    private final ValidationSets sets;
    private final QualityMetrics metrics;
    private final Predicate<String> reported;
    private final List<Map<String, Double>> inputScores = new ArrayList<>();

    /** @param measures the measure names to report; empty: all the images and metrics allow */
    public Validator(ValidationSets sets, QualityMetrics metrics, List<String> measures, NDManager manager) {
        this.sets = sets;
        this.metrics = metrics;
        Set<String> wanted = Set.copyOf(measures);
        this.reported = wanted.isEmpty() ? m -> true : wanted::contains;
        for (ValidationSets.Image image : sets.images()) {
            try (NDManager scratch = manager.newSubManager()) {
                inputScores.add(measure(image.input(scratch), image.truth(scratch)));
            }
        }
    }

    public ValidationSets sets() {
        return sets;
    }

    /** The {@code val/} metrics of {@code policy}; its results are scored on the host. */
    public Map<String, Double> score(Enhancer policy, NDManager manager) {
        List<Scored> scored = new ArrayList<>();
        List<ValidationSets.Image> images = sets.images();
        for (int i = 0; i < images.size(); i++) {
            ValidationSets.Image image = images.get(i);
            try (NDManager scratch = manager.newSubManager()) {
                NDArray result = policy.enhance(image.input(scratch));
                scored.add(new Scored(image, inputScores.get(i), measure(result, image.truth(scratch))));
            }
        }
        Map<String, Double> values = new LinkedHashMap<>(summary(scored, Metric::validation));
        for (String set : sets.labels()) {
            List<Scored> ofSet =
                    scored.stream().filter(s -> s.image().set().equals(set)).toList();
            values.putAll(summary(ofSet, measure -> Metric.validation(set, measure)));
        }
        return values;
    }

    /** The fixed measures of one image, in registry order; PSNR and SSIM when it has a ground truth. */
    private Map<String, Double> measure(NDArray image, NDArray truth) {
        Map<String, Double> all = metrics.measure(image);
        if (truth != null) {
            all.put(ValidationMeasure.PSNR.measureName(), FullReferenceMetrics.psnr(image, truth));
            all.put(ValidationMeasure.SSIM.measureName(), FullReferenceMetrics.ssim(image, truth));
        }
        Map<String, Double> fixed = new LinkedHashMap<>();
        for (ValidationMeasure measure : ValidationMeasure.values()) {
            Double value = all.get(measure.measureName());
            if (value != null) {
                fixed.put(measure.measureName(), value);
            }
        }
        return fixed;
    }

    private Map<String, Double> summary(List<Scored> scored, Function<String, String> key) {
        Map<String, Double> meanIn = means(scored, Scored::input), meanOut = means(scored, Scored::output);
        Map<String, Double> values = new LinkedHashMap<>();
        meanOut.forEach((measure, out) -> {
            if (reported.test(measure)) {
                values.put(key.apply(measure), out);
                values.put(key.apply(Metric.delta(measure)), out - meanIn.get(measure));
            }
        });
        String quality = ValidationMeasure.QUALITY.measureName();
        if (reported.test(quality)) {
            values.put(key.apply(quality), quality(meanIn, meanOut));
        }
        return values;
    }

    /** Mean of each measure over the images where both input and output define it; measures defined nowhere left out. */
    private static Map<String, Double> means(List<Scored> scored, Function<Scored, Map<String, Double>> side) {
        Set<String> measures = scored.stream()
                .flatMap(s -> s.output().keySet().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, Double> means = new LinkedHashMap<>();
        for (String measure : measures) {
            scored.stream()
                    .filter(s -> defined(s.input(), measure) && defined(s.output(), measure))
                    .mapToDouble(s -> side.apply(s).get(measure))
                    .average()
                    .ifPresent(mean -> means.put(measure, mean));
        }
        return means;
    }

    private static boolean defined(Map<String, Double> values, String measure) {
        Double value = values.get(measure);
        return value != null && !value.isNaN();
    }

    /**
     * The mean signed relative gain over the input of the composite's parts that are defined, each
     * clipped to [-1, 1]: 0 for the input itself, positive when the policy improves the images.
     */
    static double quality(Map<String, Double> meanIn, Map<String, Double> meanOut) {
        return QUALITY_PARTS.entrySet().stream()
                .filter(part -> meanIn.containsKey(part.getKey().measureName()))
                .mapToDouble(part -> {
                    ValidationMeasure measure = part.getKey();
                    double in = meanIn.get(measure.measureName()), out = meanOut.get(measure.measureName());
                    double change = measure.goal() == ValidationMeasure.Goal.MAXIMIZE ? out - in : in - out;
                    return Math.max(-1, Math.min(1, change / Math.max(Math.abs(in), part.getValue())));
                })
                .average()
                .orElse(0);
    }
}
