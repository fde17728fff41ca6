package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;

/**
 * A batch's composite quality: each term's weighted score per image, and in per-pixel mode the
 * weighted total as a map. The reward a step pays is a difference of two of these.
 *
 * @param perTerm weighted score of each term per image, {@code [terms, B]} (in per-pixel mode the
 *     image means of the term maps, so they still add up to the mean reward)
 * @param map the weighted total per pixel {@code [B, H, W]}, or null for per-image rewards
 */
public record Scores(NDArray perTerm, NDArray map) {

    /** These scores minus {@code earlier}'s: the relative reward of a step. */
    public Scores minus(Scores earlier) {
        return new Scores(perTerm.sub(earlier.perTerm), map == null ? null : map.sub(earlier.map));
    }

    /** The reward: per image {@code [B]}, or per pixel {@code [B, H, W]} when there is a map. */
    public NDArray total() {
        return map != null ? map : perTerm.sum(new int[] {0});
    }
}
