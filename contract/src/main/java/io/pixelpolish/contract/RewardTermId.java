package io.pixelpolish.contract;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every reward term the trainer knows, in display order (config files, reports and metric lists
 * show them in this order). The config's weights and scales have one field per term, the trainer
 * one factory per term (an exhaustive switch over this enum), so adding a term here is the one
 * step that makes both sides ask for the rest.
 */
public enum RewardTermId {
    GRADIENT("gradient", Kind.PHYSICS),
    ENTROPY("entropy", Kind.PHYSICS),
    EME("eme", Kind.PHYSICS),
    EXPOSURE("exposure", Kind.PHYSICS),
    CLIPPING("clipping", Kind.PHYSICS),
    CLIPIQA("clipiqa", Kind.LEARNED),
    MUSIQ("musiq", Kind.LEARNED),
    NIQE("niqe", Kind.LEARNED),
    BRISQUE("brisque", Kind.LEARNED);

    /**
     * Physics terms are closed-form image statistics a policy can inflate directly (noise raises the
     * gradient); learned terms are fitted quality models (NIQE and BRISQUE's natural-scene
     * statistics, CLIP-IQA's and MUSIQ's networks).
     */
    public enum Kind {
        PHYSICS,
        LEARNED
    }

    private final String termName;
    private final Kind kind;

    RewardTermId(String termName, Kind kind) {
        this.termName = termName;
        this.kind = kind;
    }

    /** The name configs, metrics and reports use: {@code reward.weights.<name>}, {@code rewards/<name>}. */
    public String termName() {
        return termName;
    }

    public Kind kind() {
        return kind;
    }

    public static Optional<RewardTermId> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.termName.equals(name)).findFirst();
    }
}
