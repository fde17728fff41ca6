package io.pixelpolish.contract.metrics;

import java.util.Arrays;
import java.util.Optional;

/**
 * The fixed ruler every run is validated with, independent of the reward it trains on: the same
 * code scores every arm of a sweep, so arms with different rewards, reward modes or algorithms can
 * be ranked against each other. Each measure knows which way is better.
 */
public enum ValidationMeasure {
    NIQE("niqe", Goal.MINIMIZE, Kind.NO_REFERENCE, "NIQE (natural-scene statistics distance; lower is better)"),
    BRISQUE("brisque", Goal.MINIMIZE, Kind.NO_REFERENCE, "BRISQUE (0-100ish; lower is better)"),
    ENTROPY("entropy", Goal.MAXIMIZE, Kind.NO_REFERENCE, "bits of the 256-bin luma histogram"),
    EME("eme", Goal.MAXIMIZE, Kind.NO_REFERENCE, "Agaian's measure of enhancement on 8x8 blocks"),
    COLORFULNESS(
            "colorfulness",
            Goal.MAXIMIZE,
            Kind.NO_REFERENCE,
            "Hasler and Suesstrunk (2003) colourfulness, 0-255 scale"),
    EXPOSURE_ERROR(
            "exposure_error", Goal.MINIMIZE, Kind.NO_REFERENCE, "distance of the mean luma (0-1) from a mid-grey 0.5"),
    CLIPPED("clipped", Goal.MINIMIZE, Kind.NO_REFERENCE, "fraction of pixels whose 8-bit luma is 0 or 255"),
    PSNR("psnr", Goal.MAXIMIZE, Kind.FULL_REFERENCE, "PSNR in dB against high/ (paired sets only)"),
    SSIM("ssim", Goal.MAXIMIZE, Kind.FULL_REFERENCE, "SSIM against high/ (paired sets only)"),
    CLIPIQA("clipiqa", Goal.MAXIMIZE, Kind.LEARNED, "CLIP-IQA (when its model is configured)"),
    MUSIQ("musiq", Goal.MAXIMIZE, Kind.LEARNED, "MUSIQ (when its model is configured)"),
    QUALITY(
            "quality",
            Goal.MAXIMIZE,
            Kind.COMPOSITE,
            "mean signed relative gain over the input of niqe, brisque, entropy, colorfulness and exposure_error,"
                    + " each clipped to [-1, 1]; 0 is the input, needs no ground truth");

    /** Which way is better. */
    public enum Goal {
        MINIMIZE,
        MAXIMIZE;

        /** Whether {@code candidate} is strictly better than {@code incumbent}; NaN is never better. */
        public boolean better(double candidate, double incumbent) {
            if (Double.isNaN(candidate)) {
                return false;
            }
            if (Double.isNaN(incumbent)) {
                return true;
            }
            return this == MINIMIZE ? candidate < incumbent : candidate > incumbent;
        }
    }

    /** What a measure needs: the image alone, a ground truth, a learned model, or the other measures. */
    public enum Kind {
        NO_REFERENCE,
        FULL_REFERENCE,
        LEARNED,
        COMPOSITE
    }

    private final String measureName;
    private final Goal goal;
    private final Kind kind;
    private final String description;

    ValidationMeasure(String measureName, Goal goal, Kind kind, String description) {
        this.measureName = measureName;
        this.goal = goal;
        this.kind = kind;
        this.description = description;
    }

    public String measureName() {
        return measureName;
    }

    public Goal goal() {
        return goal;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public static Optional<ValidationMeasure> byName(String name) {
        return Arrays.stream(values()).filter(m -> m.measureName.equals(name)).findFirst();
    }
}
