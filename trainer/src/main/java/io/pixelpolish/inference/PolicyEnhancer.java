package io.pixelpolish.inference;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.pixelpolish.checkpoint.Checkpoint;
import io.pixelpolish.checkpoint.CheckpointStore;
import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.InvalidInputException;
import io.pixelpolish.image.DecodedImage;
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
 * policy's context what it learned on and the curves smooth across a large image.
 *
 * <p>Images over {@code tile x tile} pixels are never held as whole-image tensors: the image stays
 * in one planar float array, updated step by step. With a downscaling policy each step pools the
 * image band by band (bands a whole number of pooling windows high), picks the curves on the small
 * image, and upsamples and applies them band by band. With the policy at full resolution
 * ({@code policySide} 0, or an image no longer than it) each step runs in overlapping tiles that
 * carry the receptive radius of one step as margin and keep only their core; the margin is one
 * step's, not all steps', because the image is put together again between steps. Both give the
 * whole-image result, and the work and memory per band or tile stay fixed however large the image.
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
        this.margin = (agent.receptiveField() - 1) / 2;
        boolean tiles = policySide == 0 || policySide > tile;
        if (tiles && tile <= 2 * margin) {
            throw new InvalidInputException("--tile: expected more than twice the margin one curve step needs (2 x "
                    + margin + " px), got " + tile);
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
        if ((long) height * width <= (long) tile * tile) {
            return onDevice(rgb, this::polish);
        }
        float[] planes = rgb.toFloatArray();
        enhanceInPlace(planes, height, width);
        return rgb.getManager().create(planes, rgb.getShape());
    }

    /**
     * Enhances {@code image} at full resolution, writing over its pixels where it has three
     * channels: a large photo is then held once, not copied per step.
     *
     * @return the result's three planes (CHW), unclipped; a gray image's in a new array
     */
    public float[] enhanceInPlace(DecodedImage image) {
        int plane = image.planeSize();
        float[] planes = image.pixels();
        if (image.channels() == 1) {
            planes = new float[3 * plane];
            for (int c = 0; c < 3; c++) {
                System.arraycopy(image.pixels(), 0, planes, c * plane, plane);
            }
        }
        if ((long) plane <= (long) tile * tile) {
            try (NDManager manager = agent.manager().newSubManager()) {
                return polish(manager.create(planes, new Shape(1, 3, image.height(), image.width())))
                        .toFloatArray();
            }
        }
        enhanceInPlace(planes, image.height(), image.width());
        return planes;
    }

    private void enhanceInPlace(float[] planes, int height, int width) {
        int factor = policySide > 0 ? (int) Math.ceil((double) Math.max(height, width) / policySide) : 1;
        if (factor > 1) {
            stepsInBands(planes, height, width, factor);
        } else {
            stepsInTiles(planes, height, width);
        }
    }

    /**
     * The curve steps of a policy that picks curves on the image downscaled by {@code factor}, the
     * image held in {@code planes} and updated there: the same result as {@link #curveFor} on the whole
     * image, whose pooling windows never cross a band's edge and whose bilinear upsampling is split
     * into a horizontal pass on the small curve map and a vertical one per band.
     */
    private void stepsInBands(float[] planes, int height, int width, int factor) {
        int bandRows = factor * Math.max(1, tile * tile / width / factor);
        int smallHeight = ceilDiv(height, factor), smallWidth = ceilDiv(width, factor);
        float[] small = new float[3 * smallHeight * smallWidth];
        forEachBand(
                planes,
                height,
                width,
                bandRows,
                (band, r0, manager) -> putRows(pooled(band, factor), small, smallHeight, smallWidth, r0 / factor));
        for (int t = 0; t < steps; t++) {
            float[] curveRows;
            try (NDManager manager = agent.manager().newSubManager()) {
                NDArray curve = agent.meanCurve(manager.create(small, new Shape(1, 3, smallHeight, smallWidth)));
                curveRows = curve.getNDArrayInternal()
                        .interpolation(new long[] {smallHeight, width}, BILINEAR, false)
                        .toFloatArray();
            }
            boolean last = t == steps - 1;
            forEachBand(planes, height, width, bandRows, (band, r0, manager) -> {
                int rows = (int) band.getShape().get(2);
                NDArray curve = manager.create(
                        verticalInterpolation(curveRows, smallHeight, width, height, r0, r0 + rows), band.getShape());
                NDArray next = agent.actions().applyCurve(band, curve);
                putRows(next.toFloatArray(), planes, height, width, r0);
                if (!last) {
                    putRows(pooled(next, factor), small, smallHeight, smallWidth, r0 / factor);
                }
            });
        }
    }

    /** A band of rows of the image on the agent's device, and where it starts. */
    private interface BandAction {
        void accept(NDArray band, int firstRow, NDManager manager);
    }

    private void forEachBand(float[] planes, int height, int width, int bandRows, BandAction action) {
        for (int r0 = 0; r0 < height; r0 += bandRows) {
            int rows = Math.min(bandRows, height - r0);
            try (NDManager manager = agent.manager().newSubManager()) {
                float[] band = crop(planes, height, width, r0, r0 + rows, 0, width);
                action.accept(manager.create(band, new Shape(1, 3, rows, width)), r0, manager);
            }
        }
    }

    private static float[] pooled(NDArray band, int factor) {
        Shape window = new Shape(factor, factor);
        return Pool.avgPool2d(band, window, window, new Shape(0, 0), true, false)
                .toFloatArray();
    }

    /**
     * Rows {@code r0..r1} of the bilinear upsampling (half-pixel centres, as PyTorch's) of the
     * {@code [3, smallHeight, width]} map {@code rows} to {@code height} rows, computed as PyTorch does.
     */
    private static float[] verticalInterpolation(float[] rows, int smallHeight, int width, int height, int r0, int r1) {
        float[] out = new float[3 * (r1 - r0) * width];
        float scale = (float) smallHeight / height;
        for (int r = r0; r < r1; r++) {
            float source = Math.max(0f, scale * (r + 0.5f) - 0.5f);
            int y0 = (int) source;
            int y1 = y0 < smallHeight - 1 ? y0 + 1 : y0;
            float lambda1 = Math.min(Math.max(source - y0, 0f), 1f), lambda0 = 1f - lambda1;
            for (int c = 0; c < 3; c++) {
                int above = (c * smallHeight + y0) * width, below = (c * smallHeight + y1) * width;
                int target = (c * (r1 - r0) + r - r0) * width;
                for (int x = 0; x < width; x++) {
                    out[target + x] = rows[above + x] * lambda0 + rows[below + x] * lambda1;
                }
            }
        }
        return out;
    }

    /**
     * The curve steps of a policy at full resolution, one step over the whole image at a time, in
     * tiles that carry one step's receptive radius as margin; steps alternate between two buffers.
     */
    private void stepsInTiles(float[] planes, int height, int width) {
        int core = tile - 2 * margin;
        float[] source = planes, target = new float[planes.length];
        for (int t = 0; t < steps; t++) {
            for (int y0 = 0; y0 < height; y0 += core) {
                for (int x0 = 0; x0 < width; x0 += core) {
                    int y1 = Math.min(height, y0 + core), x1 = Math.min(width, x0 + core);
                    int top = Math.max(0, y0 - margin), left = Math.max(0, x0 - margin);
                    int bottom = Math.min(height, y1 + margin), right = Math.min(width, x1 + margin);
                    try (NDManager manager = agent.manager().newSubManager()) {
                        NDArray window = manager.create(
                                crop(source, height, width, top, bottom, left, right),
                                new Shape(1, 3, bottom - top, right - left));
                        NDArray next = agent.actions().applyCurve(window, curveFor(window));
                        float[] kept = next.get(":, :, {}:{}, {}:{}", y0 - top, y1 - top, x0 - left, x1 - left)
                                .toFloatArray();
                        paste(kept, target, height, width, y0, y1, x0, x1);
                    }
                }
            }
            float[] swap = source;
            source = target;
            target = swap;
        }
        if (source != planes) {
            System.arraycopy(source, 0, planes, 0, planes.length);
        }
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

    /** Rows {@code top..bottom}, columns {@code left..right} of three planes {@code height x width}, as three planes. */
    private static float[] crop(float[] planes, int height, int width, int top, int bottom, int left, int right) {
        int rows = bottom - top, cols = right - left;
        float[] block = new float[3 * rows * cols];
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(planes, (c * height + top + r) * width + left, block, (c * rows + r) * cols, cols);
            }
        }
        return block;
    }

    private static void paste(float[] block, float[] out, int height, int width, int y0, int y1, int x0, int x1) {
        int rows = y1 - y0, cols = x1 - x0;
        for (int c = 0; c < 3; c++) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(block, (c * rows + r) * cols, out, (c * height + y0 + r) * width + x0, cols);
            }
        }
    }

    /** Writes full-width rows (three planes of them) into {@code planes} from row {@code firstRow} on. */
    private static void putRows(float[] rows, float[] planes, int height, int width, int firstRow) {
        paste(rows, planes, height, width, firstRow, firstRow + rows.length / 3 / width, 0, width);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    @Override
    public void close() {
        if (ownsAgent) {
            agent.close();
        }
    }
}
