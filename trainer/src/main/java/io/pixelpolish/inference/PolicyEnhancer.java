package io.pixelpolish.inference;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.pixelpolish.checkpoint.Checkpoint;
import io.pixelpolish.checkpoint.CheckpointStore;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.InvalidInputException;
import io.pixelpolish.policy.PolicyAgent;
import io.pixelpolish.tensor.Devices;
import io.pixelpolish.tensor.Shapes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trained policy as an enhancer: the deterministic curve applied {@code steps} times.
 *
 * <p>The policy chooses its curves on the image seen at the scale it was trained at: an image whose
 * longer side exceeds {@code policySide} is area-downscaled for the policy, and the curve maps it
 * gives are upsampled bilinearly and applied at full resolution, as Zero-DCE++ does. That keeps the
 * policy's context what it learned on and the curves smooth across a large image. With
 * {@code policySide} 0 the policy runs at full resolution, in overlapping tiles so memory stays
 * bounded: after {@code steps} applications a pixel depends on inputs up to {@code steps x} the
 * receptive radius away, so each tile carries that margin and only its core is kept, which makes the
 * result match whole-image inference.
 */
public final class PolicyEnhancer implements Enhancer {
    /** DJL's code for bilinear interpolation ({@code Image.Interpolation.BILINEAR}). */
    private static final int BILINEAR = 1;

    private final PolicyAgent agent;
    private final int steps;
    /** The largest tile the policy runs on at full resolution unless told otherwise ({@code --tile}). */
    public static final int DEFAULT_TILE = 512;

    private final int tile;
    private final int margin;
    private final int policySide;
    private final boolean ownsAgent;

    /** @param policySide longest side the policy sees when choosing curves; 0 for full resolution */
    public PolicyEnhancer(PolicyAgent agent, int steps, int tile, int policySide) {
        this(agent, steps, tile, policySide, true);
    }

    private PolicyEnhancer(PolicyAgent agent, int steps, int tile, int policySide, boolean ownsAgent) {
        this.agent = agent;
        this.ownsAgent = ownsAgent;
        this.steps = steps;
        this.policySide = policySide;
        this.margin = steps * (agent.receptiveField() - 1) / 2;
        boolean tiles = policySide == 0 || policySide > tile;
        if (tiles && tile <= 2 * margin) {
            throw new InvalidInputException("--tile: expected more than twice the margin of " + steps + " curve steps ("
                    + 2 * margin + " px), got " + tile);
        }
        this.tile = tile;
    }

    /**
     * The enhancer {@code enhance} would build, with its defaults, from a checkpoint of the run
     * {@code cfg} configures, on that run's live agent, which stays open when this one closes: so a
     * run validates its policy exactly as users will apply it.
     */
    public static PolicyEnhancer ofRunningPolicy(PolicyAgent agent, PixelPolishConfig cfg) {
        return new PolicyEnhancer(
                agent, cfg.train().episodeLength(), DEFAULT_TILE, cfg.data().maxSide(), false);
    }

    /**
     * Loads a checkpoint written by {@code train}; its own config rebuilds the network.
     *
     * @param policySide longest side the policy sees; null for the scale it was trained at ({@code data.max_side})
     */
    public static PolicyEnhancer fromCheckpoint(
            Path file, PixelPolishConfig.DeviceChoice device, Integer steps, int tile, Integer policySide)
            throws IOException {
        Checkpoint checkpoint = CheckpointStore.read(file);
        PixelPolishConfig cfg =
                ConfigLoader.recorded(file.toString(), checkpoint.configYaml()).config();
        PolicyAgent agent = new PolicyAgent(cfg, Devices.select(device));
        try (NDManager scratch = agent.manager().newSubManager()) {
            agent.restoreParameters(checkpoint.modelArrays(scratch));
        } catch (RuntimeException e) {
            agent.close();
            throw e;
        }
        return new PolicyEnhancer(
                agent,
                steps != null ? steps : cfg.train().episodeLength(),
                tile,
                policySide != null ? policySide : cfg.data().maxSide());
    }

    @Override
    public String name() {
        return "pixelpolish";
    }

    public int steps() {
        return steps;
    }

    /** The low ends of the gamma, alpha and beta ranges. */
    public float[] curveLow() {
        return agent.actions().low();
    }

    /** The widths of the gamma, alpha and beta ranges. */
    public float[] curveSpan() {
        return agent.actions().span();
    }

    @Override
    public NDArray enhance(NDArray rgb) {
        Shapes.require(rgb, "image", 1, 3, Shapes.ANY, Shapes.ANY);
        int height = (int) rgb.getShape().get(2), width = (int) rgb.getShape().get(3);
        boolean wholeImage = height <= tile && width <= tile || policySide > 0 && Math.max(height, width) > policySide;
        if (wholeImage) {
            return onDevice(rgb, this::polish);
        }
        int core = tile - 2 * margin;
        float[] out = new float[3 * height * width];
        for (int y0 = 0; y0 < height; y0 += core) {
            for (int x0 = 0; x0 < width; x0 += core) {
                int y1 = Math.min(height, y0 + core), x1 = Math.min(width, x0 + core);
                int top = Math.max(0, y0 - margin), left = Math.max(0, x0 - margin);
                int bottom = Math.min(height, y1 + margin), right = Math.min(width, x1 + margin);
                try (NDScope scope = new NDScope()) {
                    NDArray window = rgb.get(":, :, {}:{}, {}:{}", top, bottom, left, right);
                    NDArray polished = onDevice(window, this::polish);
                    float[] kept = polished.get(":, :, {}:{}, {}:{}", y0 - top, y1 - top, x0 - left, x1 - left)
                            .toFloatArray();
                    paste(kept, out, y0, y1, x0, x1, height, width);
                    scope.suppressNotUsedWarning();
                }
            }
        }
        return rgb.getManager().create(out, new Shape(1, 3, height, width));
    }

    /** The image after each step and the curve parameters (gamma, alpha, beta) that made it. */
    public record Step(NDArray image, NDArray curve) {}

    /** Every step of the deterministic policy on one image, for visualisation (no tiling). */
    public List<Step> trace(NDArray rgb) {
        List<Step> trace = new ArrayList<>();
        NDArray x = rgb.toDevice(agent.manager().getDevice(), false);
        for (int t = 0; t < steps; t++) {
            NDArray curve = curveFor(x);
            x = agent.actions().applyCurve(x, curve);
            trace.add(new Step(x, curve));
        }
        return trace;
    }

    private NDArray polish(NDArray x) {
        return agent.enhance(x, steps, this::curveFor);
    }

    /** The curve parameters {@code [1,3,H,W]} the policy picks for {@code x}, chosen at the policy's scale. */
    private NDArray curveFor(NDArray x) {
        long height = x.getShape().get(2), width = x.getShape().get(3);
        int factor = policySide > 0 ? (int) Math.ceil((double) Math.max(height, width) / policySide) : 1;
        if (factor <= 1) {
            return agent.meanCurve(x);
        }
        Shape window = new Shape(factor, factor);
        NDArray small = Pool.avgPool2d(x, window, window, new Shape(0, 0), true, false);
        NDArray curve = agent.meanCurve(small);
        return curve.getNDArrayInternal().interpolation(new long[] {height, width}, BILINEAR, false);
    }

    /** Runs {@code f} on the agent's device and brings the result back beside {@code x}. */
    private NDArray onDevice(NDArray x, java.util.function.UnaryOperator<NDArray> f) {
        Device device = agent.manager().getDevice();
        return x.getDevice().equals(device)
                ? f.apply(x)
                : f.apply(x.toDevice(device, false)).toDevice(x.getDevice(), false);
    }

    private static void paste(float[] block, float[] out, int y0, int y1, int x0, int x1, int height, int width) {
        int rows = y1 - y0, cols = x1 - x0;
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(block, (c * rows + r) * cols, out, (c * height + y0 + r) * width + x0, cols);
            }
        }
    }

    @Override
    public void close() {
        if (ownsAgent) {
            agent.close();
        }
    }
}
