package io.pixelpolish.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pixelpolish.contract.RewardTermId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every knob of a PixelPolish run, bound from {@code configs/base.yaml} plus overrides; that file
 * documents each key. YAML keys are the snake_case forms of the component names. Checks beyond
 * types live in {@link ConfigValidator}, so all problems of a config are reported together.
 */
@JsonPropertyOrder({
    "seed",
    "device",
    "action",
    "model",
    "reward",
    "train",
    "grpo",
    "data",
    "validation",
    "checkpoint",
    "tracking"
})
public record PixelPolishConfig(
        long seed,
        DeviceChoice device,
        Action action,
        Model model,
        Reward reward,
        Train train,
        Grpo grpo,
        Data data,
        Validation validation,
        Checkpoint checkpoint,
        Tracking tracking) {

    public enum DeviceChoice {
        @JsonProperty("auto")
        AUTO,
        @JsonProperty("cpu")
        CPU,
        @JsonProperty("gpu")
        GPU
    }

    /**
     * What the tone curve maps: each colour channel; the luma with the channels scaled by its gain
     * (hue and saturation kept); or the luma with the chroma offsets kept, as in YCbCr.
     */
    public enum CurveTarget {
        @JsonProperty("channels")
        CHANNELS,
        @JsonProperty("luma")
        LUMA,
        @JsonProperty("ycbcr")
        YCBCR
    }

    public enum RewardMode {
        @JsonProperty("scalar")
        SCALAR,
        @JsonProperty("pixel")
        PIXEL
    }

    public enum Algorithm {
        @JsonProperty("ppo")
        PPO,
        @JsonProperty("grpo")
        GRPO
    }

    public enum ByteSwap {
        @JsonProperty("auto")
        AUTO,
        @JsonProperty("always")
        ALWAYS,
        @JsonProperty("never")
        NEVER
    }

    /** A closed interval, written as {@code [min, max]} in YAML. */
    @JsonFormat(shape = JsonFormat.Shape.ARRAY)
    @JsonPropertyOrder({"min", "max"})
    public record Range(double min, double max) {
        public double span() {
            return max - min;
        }

        @Override
        public String toString() {
            return "[" + min + ", " + max + "]";
        }
    }

    /** The per-pixel tone curve and the Gaussian policy over its parameters. */
    public record Action(
            Range gammaRange,
            Range alphaRange,
            Range betaRange,
            Range logStdRange,
            double initLogStd,
            boolean initIdentity,
            int noiseBlock,
            int meanSmoothing,
            CurveTarget curveOn,
            double toe,
            double chromaExponent) {}

    /** PolicyValueFCN size. */
    public record Model(int width, List<Integer> dilations) {}

    /** One number per reward term of {@link RewardTermId}, in its order; used for both weights and scales. */
    @JsonPropertyOrder({"gradient", "entropy", "eme", "exposure", "clipping", "clipiqa", "musiq", "niqe", "brisque"})
    public record TermValues(
            double gradient,
            double entropy,
            double eme,
            double exposure,
            double clipping,
            double clipiqa,
            double musiq,
            double niqe,
            double brisque) {
        /** Term name to value, in the registry's display order. */
        public Map<String, Double> asMap() {
            Map<String, Double> m = new LinkedHashMap<>();
            for (RewardTermId term : RewardTermId.values()) {
                m.put(term.termName(), of(term));
            }
            return m;
        }

        public double of(RewardTermId term) {
            return switch (term) {
                case GRADIENT -> gradient;
                case ENTROPY -> entropy;
                case EME -> eme;
                case EXPOSURE -> exposure;
                case CLIPPING -> clipping;
                case CLIPIQA -> clipiqa;
                case MUSIQ -> musiq;
                case NIQE -> niqe;
                case BRISQUE -> brisque;
            };
        }
    }

    /**
     * @param clipiqaModel folder of the CLIP-IQA TorchScript files; empty when not configured
     * @param musiqModel MUSIQ TorchScript file; empty when not configured
     */
    public record Reward(
            RewardMode mode,
            boolean relative,
            TermValues weights,
            TermValues scales,
            int entropyBins,
            int entropyWindow,
            int emeBlock,
            double emeEpsilon,
            double exposureTarget,
            int exposurePatch,
            boolean exposureDarkens,
            String clipiqaModel,
            String musiqModel) {
        /** Side of NIQE's blocks; its statistics need two whole blocks, so NIQE rewards need crops of twice that. */
        public static final int NIQE_BLOCK = 96;
    }

    public record Train(
            Algorithm algorithm,
            int batchSize,
            int episodeLength,
            int ppoEpochs,
            int minibatches,
            double clipRatio,
            double entropyCoef,
            double entropyCoefMin,
            double valueCoef,
            double gaeGamma,
            double gaeLambda,
            boolean bootstrapLastStep,
            boolean normalizeAdvantages,
            double lr,
            boolean lrAnneal,
            double maxGradNorm,
            double targetKl,
            int totalUpdates,
            int cropSize,
            int evalInterval,
            int sampleInterval,
            int sampleImages,
            int hackingWindow,
            boolean stopOnHacking) {

        /** Entropy coefficient after {@code update} of {@link #totalUpdates} updates. */
        public double entropyCoefAt(int update) {
            double progress = Math.min(1.0, update / (double) Math.max(1, totalUpdates));
            return entropyCoef + (entropyCoefMin - entropyCoef) * progress;
        }

        /** Learning rate for {@code update} (linearly annealed to 0 when {@link #lrAnneal}). */
        public double lrAt(int update) {
            return lrAnneal ? lr * (1.0 - update / (double) Math.max(1, totalUpdates)) : lr;
        }
    }

    public record Grpo(int groupSize, boolean dropCritic, double klCoef) {}

    @JsonPropertyOrder({"rgb", "gray", "ir"})
    public record ModalityMix(double rgb, double gray, double ir) {}

    public record Degrade(
            double probability, double minBrightness, Range gamma, Range scale, Range noiseStd, Range contrast) {}

    /** @param maxPixels images declaring more pixels are skipped before they are decoded */
    public record Data(
            ModalityMix modalityMix,
            boolean deriveGray,
            String irPathPattern,
            int maxSide,
            long maxPixels,
            boolean flips,
            ByteSwap raw16Byteswap,
            Degrade degrade) {
        /** The largest pixel limit: an image's three float planes must fit one Java array. */
        public static final long MAX_PIXELS_LIMIT = Integer.MAX_VALUE / 3;
    }

    /**
     * The fixed ruler a run is measured with while it trains: the deterministic policy on images it
     * does not train on, scored by {@code ValidationMeasure}s, never by the reward.
     *
     * @param dataRoot folder of validation sets (as {@code benchmark} reads them); empty: no validation
     * @param sets folders under {@code dataRoot} to score, each a set; empty: every folder holding images
     *     directly (or {@code low/} + {@code high/}), {@code dataRoot} itself included
     * @param measures measure names; empty: every measure the images and config allow
     */
    public record Validation(
            String dataRoot, List<String> sets, int every, int maxImages, int maxSide, List<String> measures) {
        public boolean enabled() {
            return !dataRoot.isEmpty();
        }
    }

    /** @param best the metric {@code best.ckpt} follows: a validation key, or {@code eval/greedy_reward} */
    public record Checkpoint(int interval, int keepLast, String best) {}

    public record Tracking(String mlflowUri, String experiment, int flushTimeoutS) {}
}
