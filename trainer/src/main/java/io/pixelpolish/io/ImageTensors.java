package io.pixelpolish.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.model.Shapes;

/**
 * Moves images between files and the network's layout: a decoded image becomes {@code [1, 3, H, W]}
 * (gray and infrared replicated to three channels), and a result goes back to the source's channel
 * count, bit depth and raw range, so a 16-bit thermal frame comes out as a 16-bit thermal frame.
 */
public final class ImageTensors {
    private ImageTensors() {}

    public static NDArray toTensor(NDManager manager, DecodedImage image) {
        NDArray planes = manager.create(image.pixels(), new Shape(1, image.channels(), image.height(), image.width()));
        return image.channels() == 3 ? planes : planes.repeat(1, 3);
    }

    /**
     * The result {@code [1, 3, H, W]} as an image like {@code like} (its channels, depth and raw range),
     * named {@code target}.
     */
    public static DecodedImage toImage(NDArray result, DecodedImage like, java.nio.file.Path target) {
        Shapes.require(result, "enhanced image", 1, 3, Shapes.ANY, Shapes.ANY);
        int height = (int) result.getShape().get(2), width = (int) result.getShape().get(3);
        NDArray planes = like.channels() == 3 ? result : result.get(":, 0:1");
        return new DecodedImage(target, like.channels(), height, width, like.bitDepth(), like.rawLow(), like.rawHigh(),
                planes.clip(0f, 1f).toFloatArray());
    }
}
