package io.pixelpolish.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.tensor.ImageStats;
import io.pixelpolish.tensor.Shapes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

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
     * The image {@code [1, 3, H, W]} shrunk to fit {@code height x width} (area-averaged by the whole
     * factor, then bilinear) and centred on a black canvas of exactly that size, for contact sheets.
     */
    public static NDArray thumbnail(NDArray image, int height, int width) {
        long h = image.getShape().get(2), w = image.getShape().get(3);
        double scale = Math.min(1.0, Math.min((double) height / h, (double) width / w));
        int whole = (int) Math.floor(1 / scale);
        NDArray small = image;
        if (whole > 1) {
            Shape window = new Shape(whole, whole);
            small = Pool.avgPool2d(image, window, window, new Shape(0, 0), true, false);
        }
        long th = Math.max(1, Math.round(h * scale)), tw = Math.max(1, Math.round(w * scale));
        small = small.getNDArrayInternal()
                .interpolation(new long[] {th, tw}, 1, false)
                .clip(0f, 1f);
        NDArray canvas = image.getManager().zeros(new Shape(1, 3, height, width));
        long top = (height - th) / 2, left = (width - tw) / 2;
        canvas.set(new NDIndex(":, :, {}:{}, {}:{}", top, top + th, left, left + tw), small);
        return canvas;
    }

    /** Images above this are downscaled by a whole factor before they are scored, as the reference figures were. */
    public static final long SCORING_MAX_PIXELS = 2_000_000;

    /** An image as the quality measures see it: {@code [1, 3, H, W]}, at most {@link #SCORING_MAX_PIXELS}. */
    public static NDArray readForScoring(NDManager manager, Path file, ByteSwap byteSwap) throws IOException {
        return forScoring(manager, ImageFiles.read(file, byteSwap));
    }

    /** A decoded image as the quality measures see it. */
    public static NDArray forScoring(NDManager manager, DecodedImage image) {
        return atMostPixels(toTensor(manager, image), SCORING_MAX_PIXELS);
    }

    /** Downscales by the smallest whole factor (area averaging) that brings the longer side to at most {@code maxSide}. */
    public static NDArray atMostSide(NDArray image, int maxSide) {
        long longer = Math.max(image.getShape().get(2), image.getShape().get(3));
        int factor = (int) ((longer + maxSide - 1) / maxSide);
        return factor <= 1 ? image : areaDownscale(image, factor);
    }

    /**
     * Downscales by the smallest whole factor that brings the image to at most {@code maxPixels}
     * (area averaging), as the reference NIQE/BRISQUE figures prepared large images.
     */
    public static NDArray atMostPixels(NDArray image, long maxPixels) {
        long height = image.getShape().get(2), width = image.getShape().get(3);
        int factor = 1;
        while (height * width / ((long) factor * factor) > maxPixels) {
            factor++;
        }
        return factor == 1 ? image : areaDownscale(image, factor);
    }

    private static NDArray areaDownscale(NDArray image, int factor) {
        Shape window = new Shape(factor, factor);
        return Pool.avgPool2d(image, window, window, new Shape(0, 0), false, true);
    }

    /** An RGB image as gray (BT.601 luma in all three channels): the RGB sets as a third modality. */
    public static NDArray toGray(NDArray image) {
        return ImageStats.luma(image).repeat(1, 3);
    }

    /**
     * The result {@code [1, 3, H, W]} as an image like {@code like} (its channels and depth), named
     * {@code target}: display-ready over the format's full range, or in {@code like}'s raw window of
     * sample values when {@code keepRange} (a 16-bit radiometric frame keeps its counts' scale).
     */
    public static DecodedImage toImage(NDArray result, DecodedImage like, Path target, boolean keepRange) {
        Shapes.require(result, "enhanced image", 1, 3, Shapes.ANY, Shapes.ANY);
        int height = (int) result.getShape().get(2),
                width = (int) result.getShape().get(3);
        return toImage(result.clip(0f, 1f).toFloatArray(), height, width, like, target, keepRange);
    }

    /**
     * {@link #toImage(NDArray, DecodedImage, Path, boolean)} for a result held as three planes of
     * {@code like}'s size, e.g. from {@code PolicyEnhancer.enhanceInPlace}; values outside [0, 1] are
     * clipped when written. A colour result's array is used as it is, not copied.
     */
    public static DecodedImage toImage(float[] rgbPlanes, DecodedImage like, Path target, boolean keepRange) {
        return toImage(rgbPlanes, like.height(), like.width(), like, target, keepRange);
    }

    private static DecodedImage toImage(
            float[] rgbPlanes, int height, int width, DecodedImage like, Path target, boolean keepRange) {
        float[] planes = like.channels() == 3 ? rgbPlanes : Arrays.copyOf(rgbPlanes, height * width);
        DecodedImage image = new DecodedImage(
                target, like.channels(), height, width, like.bitDepth(), like.rawLow(), like.rawHigh(), planes);
        return keepRange ? image : image.withFullRange();
    }

    /**
     * The result as {@code enhance} saves it and a viewer then shows it: written like {@code like}
     * (display-ready) to a temporary file and read back without any stretch,
     * as {@code [1, 3, H, W]}. Scores of this are scores of the file, quantisation and all.
     */
    public static NDArray asSaved(NDArray result, DecodedImage like) throws IOException {
        Path file = Files.createTempFile("pixelpolish-saved-", ".png");
        try {
            ImageFiles.write(file, toImage(result, like, file, false));
            return toTensor(result.getManager(), ImageFiles.readAsViewed(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
