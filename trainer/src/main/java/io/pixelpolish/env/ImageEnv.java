package io.pixelpolish.env;

import static io.pixelpolish.tensor.Shapes.ANY;

import ai.djl.ndarray.NDArray;
import io.pixelpolish.policy.CurveActions;
import io.pixelpolish.policy.PolicyValueFCN;
import io.pixelpolish.reward.CompositeReward;
import io.pixelpolish.reward.Scores;
import io.pixelpolish.tensor.Shapes;

/**
 * A batch of images being polished: each step applies the per-pixel curve chosen by the policy and
 * pays the (relative) composite reward; an episode is exactly {@code episodeLength} steps. The
 * state is the current image only. Each state's scores are computed once and kept, so a relative
 * reward costs one scoring per step.
 */
public final class ImageEnv {
    /**
     * One transition.
     *
     * @param observation the new images {@code [B, 3, H, W]}
     * @param reward the reward per image {@code [B]}, or per pixel {@code [B, H, W]} in pixel mode
     * @param termRewards each term's part of the mean reward per image {@code [terms, B]}
     * @param done whether the episode ended with this step
     */
    public record Step(NDArray observation, NDArray reward, NDArray termRewards, boolean done) {}

    private final CompositeReward reward;
    private final CurveActions actions;
    private final int episodeLength;
    private final boolean relative;
    private NDArray episodeStart;
    private NDArray state;
    private Scores stateScores;
    private int stepsTaken;

    public ImageEnv(CompositeReward reward, CurveActions actions, int episodeLength, boolean relative) {
        this.reward = reward;
        this.actions = actions;
        this.episodeLength = episodeLength;
        this.relative = relative;
    }

    /** Starts an episode on {@code images [B, 3, H, W]} in [0, 1] and returns them. */
    public NDArray reset(NDArray images) {
        state = Shapes.require(images, "images", ANY, PolicyValueFCN.IMAGE_CHANNELS, ANY, ANY);
        episodeStart = images;
        stateScores = reward.score(images);
        stepsTaken = 0;
        return state;
    }

    /** Applies pre-tanh actions {@code u [B, 3, H, W]} to the current images. */
    public Step step(NDArray u) {
        if (state == null || stepsTaken >= episodeLength) {
            throw new IllegalStateException("the episode is over (or never started): call reset first");
        }
        NDArray next = actions.applyCurve(state, actions.curveParameters(u));
        Scores nextScores = reward.score(next, episodeStart);
        Scores paid = relative ? nextScores.minus(stateScores) : nextScores;
        state = next;
        stateScores = nextScores;
        stepsTaken++;
        return new Step(next, paid.total(), paid.perTerm(), stepsTaken == episodeLength);
    }

    /** Composite scores of the current images. */
    public Scores currentScores() {
        return stateScores;
    }

    public int episodeLength() {
        return episodeLength;
    }

    public CompositeReward reward() {
        return reward;
    }
}
