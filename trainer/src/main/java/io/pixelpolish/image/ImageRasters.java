package io.pixelpolish.image;

import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/** Conversion between AWT images and {@link DecodedImage}'s planar floats. */
final class ImageRasters {

    private static final int MAX_8BIT = 255;
    private static final int MAX_16BIT = 65535;

    private ImageRasters() {}

    /** @param stretch16 map a 16-bit frame's own minimum..maximum onto [0, 1] (else 0..65535) */
    static DecodedImage toDecoded(Path source, BufferedImage image, ByteSwap byteSwap, boolean stretch16)
            throws IOException {
        Samples samples = readSamples(source, image);
        if (samples.channels == 3 && channelsIdentical(samples.values, samples.planeSize())) {
            samples = new Samples(1, samples.bitDepth, Arrays.copyOf(samples.values, samples.planeSize()));
        }
        int height = image.getHeight();
        int width = image.getWidth();
        if (samples.bitDepth == 8) {
            return new DecodedImage(
                    source, samples.channels, height, width, 8, 0, MAX_8BIT, normalise(samples.values, 0, MAX_8BIT));
        }
        if (ImageByteOrder.shouldSwap(byteSwap, samples.values, samples.channels, height, width)) {
            ImageByteOrder.swapAll(samples.values);
        }
        int low = stretch16 ? Arrays.stream(samples.values).min().orElseThrow() : 0;
        int high = stretch16 ? Arrays.stream(samples.values).max().orElseThrow() : MAX_16BIT;
        return new DecodedImage(
                source, samples.channels, height, width, 16, low, high, normalise(samples.values, low, high));
    }

    /** An opaque gray or sRGB image with the bit depth of {@code image}, samples quantised to the nearest code. */
    static BufferedImage toBufferedImage(DecodedImage image) {
        int dataType = image.bitDepth() == 16 ? DataBuffer.TYPE_USHORT : DataBuffer.TYPE_BYTE;
        ColorSpace space = ColorSpace.getInstance(image.channels() == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ColorModel model = new ComponentColorModel(space, false, false, Transparency.OPAQUE, dataType);
        WritableRaster raster = model.createCompatibleWritableRaster(image.width(), image.height());
        double low = image.bitDepth() == 16 ? image.rawLow() : 0;
        double span = image.bitDepth() == 16 ? image.rawHigh() - image.rawLow() : MAX_8BIT;
        int maxCode = image.bitDepth() == 16 ? MAX_16BIT : MAX_8BIT;
        int plane = image.planeSize();
        int[] codes = new int[plane];
        float[] pixels = image.pixels();
        for (int c = 0; c < image.channels(); c++) {
            for (int i = 0; i < plane; i++) {
                double unit = Math.min(1.0, Math.max(0.0, pixels[c * plane + i]));
                codes[i] = (int) Math.min(maxCode, Math.max(0, Math.round(low + unit * span)));
            }
            raster.setSamples(0, 0, image.width(), image.height(), c, codes);
        }
        return new BufferedImage(model, raster, false, null);
    }

    /**
     * Raw samples, planar. Gray and RGB images with 8- or 16-bit components are read straight from the
     * raster: going through {@code getRGB} would apply colour management (a linear-gray file would get an
     * sRGB gamma) and drop 16-bit precision. Indexed, packed and other colour models do go through
     * {@code getRGB}, as 8-bit sRGB. Alpha is dropped, not composited.
     */
    private static Samples readSamples(Path source, BufferedImage image) throws IOException {
        ColorModel model = image.getColorModel();
        int transfer = model.getTransferType();
        if (transfer != DataBuffer.TYPE_BYTE && transfer != DataBuffer.TYPE_USHORT) {
            throw new IOException(source + ": unsupported sample format (" + describe(model)
                    + "); expected 8- or 16-bit unsigned integer samples");
        }
        int depth = uniformColourDepth(model);
        int spaceType = model.getColorSpace().getType();
        boolean rawGrayOrRgb = model instanceof ComponentColorModel
                && (depth == 8 || depth == 16)
                && ((spaceType == ColorSpace.TYPE_GRAY && model.getNumColorComponents() == 1)
                        || (spaceType == ColorSpace.TYPE_RGB && model.getNumColorComponents() == 3));
        return rawGrayOrRgb ? rasterSamples(image, model.getNumColorComponents(), depth) : argbSamples(image);
    }

    /** The bit size shared by all colour components, or -1 when they differ. */
    private static int uniformColourDepth(ColorModel model) {
        int depth = model.getComponentSize(0);
        for (int c = 1; c < model.getNumColorComponents(); c++) {
            if (model.getComponentSize(c) != depth) {
                return -1;
            }
        }
        return depth;
    }

    private static Samples rasterSamples(BufferedImage image, int channels, int depth) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        Raster raster = image.getRaster();
        int[] values = new int[channels * plane];
        int[] band = new int[plane];
        for (int c = 0; c < channels; c++) {
            raster.getSamples(0, 0, width, height, c, band);
            System.arraycopy(band, 0, values, c * plane, plane);
        }
        return new Samples(channels, depth, values);
    }

    private static Samples argbSamples(BufferedImage image) {
        int plane = image.getWidth() * image.getHeight();
        int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        int[] values = new int[3 * plane];
        for (int i = 0; i < plane; i++) {
            values[i] = (argb[i] >> 16) & 0xFF;
            values[plane + i] = (argb[i] >> 8) & 0xFF;
            values[2 * plane + i] = argb[i] & 0xFF;
        }
        return new Samples(3, 8, values);
    }

    private static boolean channelsIdentical(int[] values, int plane) {
        for (int i = 0; i < plane; i++) {
            if (values[i] != values[plane + i] || values[i] != values[2 * plane + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Maps [low, high] onto [0, 1]; a flat frame (low == high) becomes all 0. Dividing rather than
     * multiplying by a reciprocal keeps each value correctly rounded, so e.g. code 51 of 255 is exactly 0.2f.
     */
    private static float[] normalise(int[] values, int low, int high) {
        float[] out = new float[values.length];
        if (high == low) {
            return out;
        }
        float span = high - low;
        for (int i = 0; i < values.length; i++) {
            out[i] = (values[i] - low) / span;
        }
        return out;
    }

    private static String describe(ColorModel model) {
        return model.getPixelSize() + " bits per pixel, "
                + switch (model.getTransferType()) {
                    case DataBuffer.TYPE_SHORT -> "signed 16-bit";
                    case DataBuffer.TYPE_INT -> "32-bit integer";
                    case DataBuffer.TYPE_FLOAT -> "32-bit float";
                    case DataBuffer.TYPE_DOUBLE -> "64-bit float";
                    default -> "data type " + model.getTransferType();
                }
                + " samples";
    }

    private record Samples(int channels, int bitDepth, int[] values) {
        int planeSize() {
            return values.length / channels;
        }
    }
}
