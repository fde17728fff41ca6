package io.pixelpolish.policy;

import static io.pixelpolish.tensor.Shapes.ANY;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.tensor.Shapes;
import java.util.ArrayList;
import java.util.List;

/**
 * The PixelPolish policy and value network, shared by every pixel (PixelRL style): Conv3 -> ReLU ->
 * four dilated 3x3 convolutions each with ReLU -> Conv3 -> ReLU, then 1x1 heads for the Gaussian
 * mean {@code mu[3]}, its clamped {@code log sigma[3]} over the curve parameters (gamma, alpha,
 * beta in pre-tanh space) and the value {@code V[1]}.
 *
 * <p>Input is always three channels in [0, 1]; gray and infrared images are replicated to three
 * channels before they get here, so one network serves every modality.
 */
public final class PolicyValueFCN extends AbstractBlock {
    public static final int IMAGE_CHANNELS = 3;
    public static final int ACTION_DIMS = 3;

    private final Block stem;
    private final List<Block> body = new ArrayList<>();
    private final Block neck;
    private final Block muHead;
    private final Block logStdHead;
    private final Block valueHead;
    private final int width;
    private final List<Integer> dilations;
    private final float logStdMin;
    private final float logStdMax;

    public PolicyValueFCN(PixelPolishConfig.Model model, PixelPolishConfig.Action action, float[] initialMu) {
        super((byte) 1);
        this.width = model.width();
        this.dilations = List.copyOf(model.dilations());
        this.logStdMin = (float) action.logStdRange().min();
        this.logStdMax = (float) action.logStdRange().max();
        stem = addChildBlock("stem", conv(width, 3, 1));
        for (int i = 0; i < dilations.size(); i++) {
            body.add(addChildBlock("body" + i, conv(width, 3, dilations.get(i))));
        }
        neck = addChildBlock("neck", conv(width, 3, 1));
        // Small head weights make every pixel start from the same action, set by the head biases:
        // the identity curve and the configured exploration noise (cleanrl's 0.01-std policy head).
        muHead = addChildBlock("mu", conv(ACTION_DIMS, 1, 1));
        muHead.setInitializer(new NormalInitializer(0.01f), "weight");
        muHead.setInitializer(constant(initialMu), "bias");
        logStdHead = addChildBlock("log_std", conv(ACTION_DIMS, 1, 1));
        logStdHead.setInitializer(new NormalInitializer(0.01f), "weight");
        float initLogStd = (float) action.initLogStd();
        logStdHead.setInitializer(constant(new float[] {initLogStd, initLogStd, initLogStd}), "bias");
        valueHead = addChildBlock("value", conv(1, 1, 1));
    }

    private static Block conv(int filters, int kernel, int dilation) {
        int pad = dilation * (kernel - 1) / 2;
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(pad, pad))
                .optDilation(new Shape(dilation, dilation))
                .build();
    }

    private static Initializer constant(float[] values) {
        return (manager, shape, dataType) -> manager.create(values, shape).toType(dataType, false);
    }

    /** Pixels each output sees in every direction plus itself: 2 * (1 + sum(dilations) + 1) + 1. */
    public int receptiveField() {
        return 2 * (2 + dilations.stream().mapToInt(Integer::intValue).sum()) + 1;
    }

    public int width() {
        return width;
    }

    /** The 1x1 value head, which critic-free training leaves out. */
    public Block valueHead() {
        return valueHead;
    }

    /**
     * @param inputs one observation {@code [B, 3, H, W]}
     * @return {@code mu [B,3,H,W]}, {@code logStd [B,3,H,W]} (clamped), {@code value [B,1,H,W]}
     */
    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = Shapes.require(inputs.singletonOrThrow(), "observation", ANY, IMAGE_CHANNELS, ANY, ANY);
        NDArray h = reluConv(stem, store, x, training);
        for (Block block : body) {
            h = reluConv(block, store, h, training);
        }
        h = reluConv(neck, store, h, training);
        NDList features = new NDList(h);
        NDArray mu = muHead.forward(store, features, training).singletonOrThrow();
        NDArray logStd =
                logStdHead.forward(store, features, training).singletonOrThrow().clip(logStdMin, logStdMax);
        NDArray value = valueHead.forward(store, features, training).singletonOrThrow();
        return new NDList(mu, logStd, value);
    }

    private static NDArray reluConv(Block conv, ParameterStore store, NDArray x, boolean training) {
        return Activation.relu(conv.forward(store, new NDList(x), training).singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long b = in.get(0), h = in.get(2), w = in.get(3);
        return new Shape[] {new Shape(b, ACTION_DIMS, h, w), new Shape(b, ACTION_DIMS, h, w), new Shape(b, 1, h, w)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape hidden = new Shape(in.get(0), width, in.get(2), in.get(3));
        stem.initialize(manager, dataType, in);
        for (Block block : body) {
            block.initialize(manager, dataType, hidden);
        }
        for (Block block : List.of(neck, muHead, logStdHead, valueHead)) {
            block.initialize(manager, dataType, hidden);
        }
    }
}
