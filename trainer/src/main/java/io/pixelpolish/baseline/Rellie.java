package io.pixelpolish.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import io.pixelpolish.inference.Enhancer;
import io.pixelpolish.tensor.Shapes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ReLLIE (Zhang, Guo, Huang and Wen, ACM MM 2021) as a baseline, run on DJL from the authors'
 * pretrained {@code pretrained/model.npz} (github.com/GuoLanqing/ReLLIE, the enlightening model of
 * {@code test_el.py}; Chainer arrays {@code conv1/W}, {@code diconvK/diconv/W}, {@code
 * conv7_r_pi/model/W}, ...). What the official test script does, and so what this does:
 *
 * <ul>
 *   <li>Input: the image in [0, 1] in <b>BGR</b> order: the official loader reads with OpenCV and
 *       divides by 255, for training as for testing, so the network and its three heads see
 *       blue-green-red; the image is turned to BGR here and back to RGB at the end.
 *   <li>Network ({@code MyFCN_el.py}): relu(conv1, 3 to 64, 3x3), then 3x3 64-channel dilated
 *       convolutions with relu, dilation 2, 3, 4 (diconv2..4), the policy branch with dilation 3, 2
 *       (diconv5_pi, diconv6_pi) and three 3x3 heads {@code conv7_r_pi}, {@code conv7_g_pi},
 *       {@code conv7_b_pi} of 27 logits each. The value branch (diconv5_V, diconv6_V, conv7_V) does
 *       not act and is not run.
 *   <li>Action: greedy, as the script sets {@code act_deterministically} (chainerrl's {@code
 *       most_probable}): per pixel, the argmax of each head's logits. The k-th head drives the k-th
 *       channel of the BGR image, so the head named "r" moves blue.
 *   <li>Curve ({@code State.py}): action a gives m = (a - 6) / 20, 27 moves from -0.3 to 1.0 in
 *       steps of 0.05 (the baselines README's "(a - 13)/20" is not what the code does); channel 0
 *       becomes x + m<sub>0</sub> x (1 - x) and channels 1 and 2 x + (0.1 m<sub>k</sub> + 0.9
 *       m<sub>0</sub>) x (1 - x), the first channel's move dominating: Zero-DCE's quadratic curve
 *       LE(x) = x + A x (1 - x) with a pixel-wise A chosen anew at each step, the recurrent curve
 *       estimation the paper describes.
 *   <li>Blending: the new state is 0.8 of the curved image plus 0.2 of the previous one.
 *   <li>Steps: 6 ({@code EPISODE_LEN} of {@code test_el.py}); the state is not clipped between
 *       steps (with m at most 1 it stays in [0, 1]) and the result is clipped to [0, 1] (the script
 *       then rounds it to 8 bits to write it).
 * </ul>
 *
 * The denoising variant ({@code test.py}, an FFDNet step after the fifth step) is not reproduced.
 * Gray and infrared images go in as three equal channels; the three heads choose their moves
 * apart, so ReLLIE may tint a gray image slightly, and this keeps what ReLLIE does. The weights are
 * the user's to supply: the project ships none.
 */
public final class Rellie implements Enhancer {
    /** Steps of the official test script. */
    static final int STEPS = 6;
    /** Actions per head, and the one that leaves a channel unchanged. */
    static final int ACTIONS = 27;

    static final int NEUTRAL = 6;
    static final float MOVE_DIVISOR = 20f;
    static final float OWN_MOVE = 0.1f;
    static final float FIRST_CHANNEL_MOVE = 0.9f;
    static final float CURVED_SHARE = 0.8f;
    static final float PREVIOUS_SHARE = 0.2f;

    /** The shared trunk and the policy branch, with their dilations. */
    private static final String[] LAYERS = {
        "conv1", "diconv2/diconv", "diconv3/diconv", "diconv4/diconv", "diconv5_pi/diconv", "diconv6_pi/diconv"
    };

    private static final int[] DILATIONS = {1, 2, 3, 4, 3, 2};
    private static final String[] HEADS = {"conv7_r_pi/model", "conv7_g_pi/model", "conv7_b_pi/model"};

    private final NpzWeights weights;

    private Rellie(NpzWeights weights) {
        this.weights = weights;
    }

    /** Loads the ReLLIE policy from its {@code model.npz}, checking every array it acts with is there. */
    public static Rellie load(Path npz, NDManager parent) throws IOException {
        List<String> required = new ArrayList<>();
        for (String layer : LAYERS) {
            required.add(layer + "/W");
            required.add(layer + "/b");
        }
        for (String head : HEADS) {
            required.add(head + "/W");
            required.add(head + "/b");
        }
        return new Rellie(NpzWeights.load(npz, "rellie", "ReLLIE's pretrained/model.npz", required, parent));
    }

    @Override
    public String name() {
        return "rellie";
    }

    @Override
    public NDArray enhance(NDArray rgb) {
        Shapes.require(rgb, "image", Shapes.ANY, 3, Shapes.ANY, Shapes.ANY);
        NDArray x = rgb.flip(1);
        for (int t = 0; t < STEPS; t++) {
            NDArray next;
            try (NDScope scope = new NDScope()) {
                next = step(x, actions(x));
                NDScope.unregister(next);
                scope.suppressNotUsedWarning();
            }
            NDScope.register(next);
            x = next;
        }
        return x.clip(0f, 1f).flip(1);
    }

    /** The greedy action of each head at each pixel, {@code [N, 3, H, W]} in 0..26, for a BGR state. */
    NDArray actions(NDArray bgr) {
        NDArray h = bgr;
        for (int i = 0; i < LAYERS.length; i++) {
            NDArray conv = weights.conv(h, LAYERS[i] + "/W", LAYERS[i] + "/b", DILATIONS[i], DILATIONS[i], 1);
            if (h != bgr) {
                h.close();
            }
            h = Activation.relu(conv);
            conv.close();
        }
        NDList actions = new NDList(HEADS.length);
        for (String head : HEADS) {
            NDArray logits = weights.conv(h, head + "/W", head + "/b", 1, 1, 1);
            actions.add(logits.argMax(1).expandDims(1));
            logits.close();
        }
        h.close();
        return NDArrays.concat(actions, 1);
    }

    /**
     * One step of ReLLIE's environment on a BGR state: the curve each channel's action chooses, then
     * the 0.8 / 0.2 blend with the state.
     *
     * @param actions {@code [N, 3, H, W]}, action 0..26 of the heads for channels 0, 1, 2
     */
    static NDArray step(NDArray bgr, NDArray actions) {
        NDArray moves = actions.toType(DataType.FLOAT32, false).sub(NEUTRAL).div(MOVE_DIVISOR);
        NDArray first = moves.get(":, 0:1");
        NDArray alpha = first.concat(moves.get(":, 1:3").mul(OWN_MOVE).add(first.mul(FIRST_CHANNEL_MOVE)), 1);
        NDArray curved = bgr.add(alpha.mul(bgr).mul(bgr.neg().add(1f)));
        return curved.mul(CURVED_SHARE).add(bgr.mul(PREVIOUS_SHARE));
    }

    @Override
    public void close() {
        weights.close();
    }
}
