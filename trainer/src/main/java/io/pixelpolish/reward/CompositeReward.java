package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import io.pixelpolish.config.ConfigException;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.InvalidInputException;
import io.pixelpolish.contract.RewardTermId;
import io.pixelpolish.tensor.ImageStats;
import io.pixelpolish.tensor.Shapes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The composite quality {@code R = sum_i weight_i * scale_i * term_i}; terms with weight 0 are not
 * computed, nor are learned IQA terms whose model files are absent (see {@link IqaTerms}). Scores come
 * back per term so every sub-reward can be reported on its own.
 */
public final class CompositeReward {
    /** A term with its config weight and scale folded into one factor. */
    public record WeightedTerm(RewardTerm term, float factor) {}

    private final List<WeightedTerm> terms;
    private final boolean pixelMaps;

    /** @param pixelMaps score per pixel as well (reward mode pixel) */
    public CompositeReward(List<WeightedTerm> terms, boolean pixelMaps) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a composite reward needs at least one term with a positive weight");
        }
        this.terms = List.copyOf(terms);
        this.pixelMaps = pixelMaps;
    }

    public static CompositeReward fromConfig(PixelPolishConfig.Reward cfg) {
        List<WeightedTerm> terms = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (RewardTermId id : RewardTermId.values()) {
            double weight = cfg.weights().of(id);
            if (weight == 0) {
                continue;
            }
            Optional<RewardTerm> term;
            try {
                term = create(id, weight, cfg);
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
                continue;
            }
            term.ifPresent(t ->
                    terms.add(new WeightedTerm(t, (float) (weight * cfg.scales().of(id)))));
        }
        if (terms.isEmpty() && problems.isEmpty()) {
            problems.add(
                    "reward.weights: expected at least one positive weight whose term is available (the physics terms "
                            + "and niqe, brisque always are; clipiqa and musiq only with their model files)");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("reward", problems);
        }
        return new CompositeReward(terms, cfg.mode() == PixelPolishConfig.RewardMode.PIXEL);
    }

    /**
     * The trainer's half of the reward-term registry: one factory per {@link RewardTermId}, checked
     * exhaustive by the compiler. Empty for a learned model whose files are absent.
     */
    private static Optional<RewardTerm> create(RewardTermId id, double weight, PixelPolishConfig.Reward cfg) {
        return switch (id) {
            case GRADIENT -> Optional.of(new SobelGradient());
            case ENTROPY -> Optional.of(new SoftHistogramEntropy(cfg.entropyBins(), cfg.entropyWindow()));
            case EME -> Optional.of(new AgaianEme(cfg.emeBlock(), cfg.emeEpsilon()));
            case EXPOSURE ->
                Optional.of(new ExposureControl(cfg.exposurePatch(), cfg.exposureTarget(), cfg.exposureDarkens()));
            case CLIPPING -> Optional.of(new ClippingPenalty());
            case NIQE -> Optional.of(IqaTerms.niqe());
            case BRISQUE -> Optional.of(IqaTerms.brisque());
            case CLIPIQA, MUSIQ -> IqaTerms.learned(id, weight, cfg);
        };
    }

    /** Names of the computed terms, in the row order of {@link #score}. */
    public List<String> termNames() {
        return terms.stream().map(t -> t.term().name()).toList();
    }

    /** Scores images that start their own episode: see {@link #score(NDArray, NDArray)}. */
    public Scores score(NDArray images) {
        return score(images, images);
    }

    /**
     * Scores {@code images [B, 3, H, W]} in [0, 1], enhanced from {@code episodeStart}: each term
     * weighted and scaled per image and, in per-pixel mode, the weighted total per pixel.
     */
    public Scores score(NDArray images, NDArray episodeStart) {
        RewardInput input = new RewardInput(images, episodeStart);
        NDList rows = new NDList(terms.size());
        NDArray map = null;
        for (WeightedTerm t : terms) {
            if (pixelMaps) {
                NDArray termMap = t.term().scoreMap(input).mul(t.factor());
                rows.add(ImageStats.perImageMean(termMap));
                map = map == null ? termMap : map.addi(termMap);
            } else {
                rows.add(t.term().score(input).muli(t.factor()));
            }
        }
        NDArray perTerm = Shapes.require(NDArrays.stack(rows), "reward scores", terms.size(), input.batchSize());
        return new Scores(perTerm, map == null ? null : map.squeeze(1));
    }
}
