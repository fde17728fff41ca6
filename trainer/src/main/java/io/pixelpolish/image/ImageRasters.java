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

    /**
     * @param stretch16 map a 16-bit frame's own minimum..maximum onto [0, 1] (else 0..65535)
     *     <p>8-bit samples go straight into the result's float planes, row by row, so decoding a large
     *     photo holds the decoded raster and the result and nothing the size of either besides.
     */
    static DecodedImage toDecoded(Path source, BufferedImage image, ByteSwap byteSwap, boolean stretch16)
            throws IOException {
        ColorModel model = image.getColorModel();
        if (model.hasAlpha()) {
            Warnings.once(
                    "alpha",
                    source + ": has an alpha channel; transparency is ignored (colours are kept as stored, not"
                            + " composited) and the result is written opaque");
        }
        int height = image.getHeight();
        int width = image.getWidth();
        int plane = height * width;
        int depth = rawDepth(source, model);
        if (depth != 16) {
            float[] values = depth == 8 ? rasterUnits(image, model.getNumColorComponents()) : argbUnits(image);
            int channels = values.length / plane;
            if (channels == 3 && channelsIdentical(values, plane)) {
                values = Arrays.copyOf(values, plane);
                channels = 1;
            }
            return new DecodedImage(source, channels, height, width, 8, 0, MAX_8BIT, values);
        }
        int channels = model.getNumColorComponents();
        int[] samples = rasterSamples(image, channels);
        if (channels == 3 && channelsIdentical(samples, plane)) {
            samples = Arrays.copyOf(samples, plane);
            channels = 1;
        }
        if (ImageByteOrder.shouldSwap(byteSwap, samples, channels, height, width)) {
            ImageByteOrder.swapAll(samples);
        }
        int low = stretch16 ? Arrays.stream(samples).min().orElseThrow() : 0;
        int high = stretch16 ? Arrays.stream(samples).max().orElseThrow() : MAX_16BIT;
        return new DecodedImage(source, channels, height, width, 16, low, high, normalise(samples, low, high));
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
        int width = image.width();
        int plane = image.planeSize();
        int[] codes = new int[width];
        float[] pixels = image.pixels();
        for (int c = 0; c < image.channels(); c++) {
            for (int y = 0; y < image.height(); y++) {
                for (int x = 0; x < width; x++) {
                    double unit = Math.min(1.0, Math.max(0.0, pixels[c * plane + y * width + x]));
                    codes[x] = (int) Math.min(maxCode, Math.max(0, Math.round(low + unit * span)));
                }
                raster.setSamples(0, y, width, 1, c, codes);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /**
     * The bit depth of raw gray or RGB samples (8 or 16), or 0 for a layout read as 8-bit sRGB. Gray
     * and RGB images with 8- or 16-bit components are read straight from the raster: going through
     * {@code getRGB} would apply colour management (a linear-gray file would get an sRGB gamma) and
     * drop 16-bit precision. Indexed, packed, CMYK and other colour models do go through
     * {@code getRGB}. Alpha is dropped, not composited.
     */
    private static int rawDepth(Path source, ColorModel model) throws IOException {
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
        return rawGrayOrRgb ? depth : 0;
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

    private static int[] rasterSamples(BufferedImage image, int channels) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        Raster raster = image.getRaster();
        int[] values = new int[channels * plane];
        int[] row = new int[width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, c, row);
                System.arraycopy(row, 0, values, c * plane + y * width, width);
            }
        }
        return values;
    }

    /** 8-bit raster samples as planar unit floats (code / 255). */
    private static float[] rasterUnits(BufferedImage image, int channels) {
        int width = image.getWidth();
        int plane = width * image.getHeight();
        Raster raster = image.getRaster();
        float[] values = new float[channels * plane];
        int[] row = new int[width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < image.getHeight(); y++) {
                raster.getSamples(0, y, width, 1, c, row);
                for (int x = 0; x < width; x++) {
                    values[c * plane + y * width + x] = row[x] / (float) MAX_8BIT;
                }
            }
        }
        return values;
    }

    /** The image as ImageIO converts it to 8-bit sRGB, as planar unit floats. */
    private static float[] argbUnits(BufferedImage image) {
        int width = image.getWidth();
        int plane = width * image.getHeight();
        float[] values = new float[3 * plane];
        int[] row = new int[width];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                values[i] = ((row[x] >> 16) & 0xFF) / (float) MAX_8BIT;
                values[plane + i] = ((row[x] >> 8) & 0xFF) / (float) MAX_8BIT;
                values[2 * plane + i] = (row[x] & 0xFF) / (float) MAX_8BIT;
            }
        }
        return values;
    }

    private static boolean channelsIdentical(int[] values, int plane) {
        for (int i = 0; i < plane; i++) {
            if (values[i] != values[plane + i] || values[i] != values[2 * plane + i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean channelsIdentical(float[] values, int plane) {
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
}
