package io.pixelpolish.policy;

import static io.pixelpolish.tensor.Shapes.ANY;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.tensor.ImageStats;
import io.pixelpolish.tensor.Shapes;

/**
 * The action space: a diagonal Gaussian over pre-tanh curve parameters, squashed by tanh and mapped
 * affinely onto gamma, alpha and beta, then applied per pixel as {@code y = clip(alpha * x^gamma +
 * beta, 0, 1)}.
 *
 * <p>The network gives a mean and log-std per pixel. Exploration draws one Gaussian sample per
 * {@code noiseBlock x noiseBlock} block, around the block's mean action, and adds the draw's offset
 * to every pixel's mean, interpolated smoothly between block centres; the executed action keeps
 * each pixel's own mean, and the deterministic policy is the per-pixel mean. With a block of 1 this
 * is PixelRL's independent Gaussian per pixel. Log-probabilities and entropy are those of the
 * pre-tanh block draws: the squashing is deterministic, so PPO's ratios are the same either way.
 */
public final class CurveActions implements AutoCloseable {
    private static final float HALF_LOG_TWO_PI = (float) (0.5 * Math.log(2 * Math.PI));
    private static final float MIN_INPUT = 1e-6f;
    /** DJL's code for bilinear interpolation ({@code Image.Interpolation.BILINEAR}). */
    private static final int BILINEAR = 1;

    private final float[] low;
    private final float[] span;
    private final int noiseBlock;
    private final int meanSmoothing;
    private final PixelPolishConfig.CurveTarget curveOn;
    private final float toe;
    private final float chromaExponent;
    private final NDManager constants;
    private final NDArray lowArray;
    private final NDArray halfSpanArray;

    public CurveActions(PixelPolishConfig.Action action, NDManager parent) {
        low = new float[] {
            (float) action.gammaRange().min(),
            (float) action.alphaRange().min(),
            (float) action.betaRange().min()
        };
        span = new float[] {
            (float) action.gammaRange().span(),
            (float) action.alphaRange().span(),
            (float) action.betaRange().span()
        };
        noiseBlock = action.noiseBlock();
        meanSmoothing = action.meanSmoothing();
        curveOn = action.curveOn();
        toe = (float) action.toe();
        chromaExponent = (float) action.chromaExponent();
        constants = parent.newSubManager();
        lowArray = constants.create(low, new Shape(1, PolicyValueFCN.ACTION_DIMS, 1, 1));
        float[] halfSpan = {span[0] / 2, span[1] / 2, span[2] / 2};
        halfSpanArray = constants.create(halfSpan, new Shape(1, PolicyValueFCN.ACTION_DIMS, 1, 1));
    }

    /**
     * The network's mean action averaged over a {@code meanSmoothing}-wide window ({@code [B,3,H,W]},
     * same shape): curves that vary smoothly in space brighten regions without painting texture,
     * as Zero-DCE's illumination-smoothness loss makes its curve maps do. Windows are cut at the
     * image border rather than padded with zeros, so edges are not pulled towards action 0 (the
     * engine ignores avg-pool's count_include_pad, hence the division by the window's coverage).
     */
    public NDArray smoothMean(NDArray mu) {
        if (meanSmoothing == 1) {
            return mu;
        }
        // A box filter is separable: a column pass then a row pass cost 2k instead of k^2 per pixel.
        return boxAlong(boxAlong(mu, true), false);
    }

    private NDArray boxAlong(NDArray x, boolean vertical) {
        int k = meanSmoothing, pad = meanSmoothing / 2;
        Shape window = vertical ? new Shape(k, 1) : new Shape(1, k);
        Shape padding = vertical ? new Shape(pad, 0) : new Shape(0, pad);
        Shape stride = new Shape(1, 1);
        Shape size = x.getShape();
        try (NDArray ones = x.getManager().ones(new Shape(1, 1, size.get(2), size.get(3)))) {
            NDArray coverage = Pool.avgPool2d(ones, window, stride, padding, false, true);
            return Pool.avgPool2d(x, window, stride, padding, false, true).div(coverage);
        }
    }

    public int meanSmoothing() {
        return meanSmoothing;
    }

    /** Block means of a per-pixel map: {@code [B,3,H,W] -> [B,3,ceil(H/n),ceil(W/n)]} for block side n. */
    public NDArray blockMean(NDArray perPixel) {
        if (noiseBlock == 1) {
            return perPixel;
        }
        Shape window = new Shape(noiseBlock, noiseBlock);
        return Pool.avgPool2d(perPixel, window, window, new Shape(0, 0), true, false);
    }

    /**
     * Draws the exploration decision, one per block: {@code d ~ N(blockMean(mu),
     * exp(blockMean(logStd))^2)}, shape {@code [B,3,h,w]}.
     */
    public NDArray sample(NDArray mu, NDArray logStd) {
        NDArray mean = blockMean(mu);
        NDArray noise = mu.getManager().randomNormal(0f, 1f, mean.getShape(), DataType.FLOAT32);
        return mean.add(noise.muli(blockMean(logStd).exp()));
    }

    /**
     * The pre-tanh action each pixel executes for block decisions {@code [B,3,h,w]}: its own mean
     * plus its block's offset from the block mean, bilinearly interpolated so the draws leave no
     * block edges; {@code [B,3,H,W]}. For the mean decision it is {@code mu} itself.
     */
    public NDArray perPixelAction(NDArray mu, NDArray decision) {
        if (noiseBlock == 1) {
            return decision;
        }
        Shape size = mu.getShape();
        NDArray offset = decision.sub(blockMean(mu));
        return mu.add(
                offset.getNDArrayInternal().interpolation(new long[] {size.get(2), size.get(3)}, BILINEAR, false));
    }

    /** Maps pre-tanh actions {@code [B,3,H,W]} to (gamma, alpha, beta) in their configured ranges. */
    public NDArray curveParameters(NDArray u) {
        Shapes.require(u, "actions", ANY, PolicyValueFCN.ACTION_DIMS, ANY, ANY);
        return u.tanh().addi(1f).muli(halfSpanArray).addi(lowArray);
    }

    /**
     * Applies each pixel's curve: {@code x [B,C,H,W]}, params {@code [B,3,H,W]}. On channels, every
     * channel goes through the curve. Repeated curves on channels pull them apart (a steep curve
     * turns a slightly blue white into saturated blue), so the curve can map the luma instead: with
     * {@code luma} the pixel's channels are scaled by the luma's gain, which keeps hue and
     * saturation; with {@code ycbcr} they are shifted by the luma's change, which keeps the chroma
     * offsets, so colours do not saturate, nor their noise grow, as a dark image is lifted, but wash
     * out; {@code chroma_exponent} k scales the offsets by the gain to the power k, between the two.
     * Gray images, whose channels are equal, come out the same every way.
     */
    public NDArray applyCurve(NDArray x, NDArray params) {
        Shapes.require(
                params,
                "curve parameters",
                x.getShape().get(0),
                PolicyValueFCN.ACTION_DIMS,
                x.getShape().get(2),
                x.getShape().get(3));
        if (curveOn == PixelPolishConfig.CurveTarget.CHANNELS) {
            return curve(x, params);
        }
        NDArray luma = ImageStats.luma(x).clip(MIN_INPUT, 1f);
        NDArray curved = curve(luma, params);
        NDArray out;
        if (curveOn == PixelPolishConfig.CurveTarget.LUMA) {
            out = x.mul(curved.divi(luma));
        } else if (chromaExponent == 0) {
            out = x.add(curved.subi(luma));
        } else {
            out = x.sub(luma).muli(curved.div(luma).powi(chromaExponent)).addi(curved);
        }
        return out.clip(0f, 1f);
    }

    /** The power curve, or with a toe the shifted one renormalised onto [0, 1] (see {@code action.toe}). */
    private NDArray curve(NDArray x, NDArray params) {
        NDList gammaAlphaBeta = params.split(PolicyValueFCN.ACTION_DIMS, 1);
        NDArray gamma = gammaAlphaBeta.get(0);
        NDArray shaped;
        if (toe == 0) {
            shaped = x.clip(MIN_INPUT, 1f).powi(gamma);
        } else {
            NDArray black = gamma.getManager().full(gamma.getShape(), toe).powi(gamma);
            NDArray white = gamma.getManager().full(gamma.getShape(), 1 + toe).powi(gamma);
            shaped = x.clip(0f, 1f).addi(toe).powi(gamma).subi(black).divi(white.subi(black));
        }
        return shaped.muli(gammaAlphaBeta.get(1)).addi(gammaAlphaBeta.get(2)).clip(0f, 1f);
    }

    /**
     * Log-density of block decisions summed over the three curve parameters: {@code [B,h,w]}. No
     * in-place ops: PPO differentiates through it.
     */
    public NDArray logProb(NDArray mu, NDArray logStd, NDArray decision) {
        NDArray blockLogStd = blockMean(logStd);
        NDArray z = decision.sub(blockMean(mu)).mul(blockLogStd.neg().exp());
        return z.mul(z).mul(-0.5f).sub(blockLogStd).sub(HALF_LOG_TWO_PI).sum(new int[] {1});
    }

    /** Entropy of the block decisions summed over the three curve parameters: {@code [B,h,w]}. */
    public NDArray entropy(NDArray logStd) {
        return blockMean(logStd).add(0.5f + HALF_LOG_TWO_PI).sum(new int[] {1});
    }

    /** Low ends of the gamma, alpha and beta ranges. */
    public float[] low() {
        return low.clone();
    }

    /** Widths of the gamma, alpha and beta ranges. */
    public float[] span() {
        return span.clone();
    }

    /** Pre-tanh action that yields the given curve parameters; e.g. (1, 1, 0) for the identity curve. */
    public float[] preimage(float gamma, float alpha, float beta) {
        float[] target = {gamma, alpha, beta};
        float[] u = new float[target.length];
        for (int i = 0; i < target.length; i++) {
            double unit = 2 * (target[i] - low[i]) / span[i] - 1;
            u[i] = (float) atanh(Math.max(-0.999999, Math.min(0.999999, unit)));
        }
        return u;
    }

    private static double atanh(double v) {
        return 0.5 * Math.log((1 + v) / (1 - v));
    }

    @Override
    public void close() {
        constants.close();
    }
}
