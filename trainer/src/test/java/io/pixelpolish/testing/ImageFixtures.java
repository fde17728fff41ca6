package io.pixelpolish.testing;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Small image files written in a test, with ImageIO's own encoders and not the code under test, so
 * decoding is checked against an independent writer. Samples are planar (CHW) ints.
 */
public final class ImageFixtures {

    private ImageFixtures() {}

    /** An 8-bit file (png, bmp or jpeg by {@code format}) of 1 (gray) or 3 (RGB) channels. */
    public static Path write8(Path file, String format, int channels, int height, int width, int[] planar)
            throws IOException {
        int type = channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR;
        writeWith(file, format, filled(type, channels, height, width, planar));
        return file;
    }

    /** A 16-bit grayscale PNG, or TIFF through the TwelveMonkeys writer, holding exactly {@code samples}. */
    public static Path write16(Path file, String format, int height, int width, int[] samples) throws IOException {
        writeWith(file, format, filled(BufferedImage.TYPE_USHORT_GRAY, 1, height, width, samples));
        return file;
    }

    /** {@code samples} with the two bytes of each value exchanged, as FLIR raw frames store them. */
    public static int[] byteSwapped(int[] samples) {
        return Arrays.stream(samples).map(v -> ((v & 0xFF) << 8) | (v >>> 8)).toArray();
    }

    /**
     * A smooth thermal-like frame in the narrow band [low, high]: a warm blob on a sloping background
     * plus a little sensor noise, like the real FLIR frames (whose bands are a few hundred counts wide).
     */
    public static int[] thermalFrame(int height, int width, int low, int high, long seed) {
        Random random = new Random(seed);
        double[] field = new double[height * width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double dy = (y - 0.4 * height) / (0.25 * height);
                double dx = (x - 0.6 * width) / (0.25 * width);
                field[y * width + x] = 0.3 * x / width + Math.exp(-(dx * dx + dy * dy)) + 0.01 * random.nextGaussian();
            }
        }
        double min = Arrays.stream(field).min().orElseThrow();
        double max = Arrays.stream(field).max().orElseThrow();
        return Arrays.stream(field)
                .mapToInt(v -> (int) Math.round(low + (v - min) / (max - min) * (high - low)))
                .toArray();
    }

    /** Random 8-bit samples. */
    public static int[] noise8(int count, long seed) {
        return new Random(seed).ints(count, 0, 256).toArray();
    }

    /** {@code file} cut to its first {@code keep} bytes, as a download that broke off would leave it. */
    public static Path truncate(Path file, int keep) throws IOException {
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), keep));
        return file;
    }

    /** An 8-bit RGBA PNG whose left half is half transparent. */
    public static Path writeRgba(Path file, int height, int width, int[] planarRgb) throws IOException {
        BufferedImage image = filled(BufferedImage.TYPE_4BYTE_ABGR, 3, height, width, planarRgb);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width / 2; x++) {
                image.getRaster().setSample(x, y, 3, 128);
            }
        }
        writeWith(file, "png", image);
        return file;
    }

    /**
     * A four-component JPEG as Photoshop writes print images: an Adobe APP14 marker saying the
     * components are CMYK ({@code transform} 0) or YCCK (2), samples from {@code planarCmyk}.
     */
    public static Path writeAdobeJpeg(Path file, int height, int width, int[] planarCmyk, int transform)
            throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
        int plane = height * width;
        for (int c = 0; c < 4; c++) {
            raster.setSamples(0, 0, width, height, c, Arrays.copyOfRange(planarCmyk, c * plane, (c + 1) * plane));
        }
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(encoded)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        byte[] jpeg = encoded.toByteArray();
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        ByteArrayOutputStream marked = new ByteArrayOutputStream();
        marked.write(jpeg, 0, 2);
        marked.write(adobe);
        marked.write(jpeg, 2, jpeg.length - 2);
        Files.write(file, marked.toByteArray());
        return file;
    }

    /**
     * A valid small PNG whose header claims {@code width x height}: the few hundred bytes a decoder
     * would answer by allocating the whole claimed raster.
     */
    public static Path pngDeclaring(Path file, int width, int height) throws IOException {
        write8(file, "png", 3, 8, 8, noise8(3 * 64, 1));
        byte[] png = Files.readAllBytes(file);
        ByteBuffer.wrap(png, 16, 8).putInt(width).putInt(height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        Files.write(file, png);
        return file;
    }

    private static BufferedImage filled(int type, int channels, int height, int width, int[] planar) {
        BufferedImage image = new BufferedImage(width, height, type);
        WritableRaster raster = image.getRaster();
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            raster.setSamples(0, 0, width, height, c, Arrays.copyOfRange(planar, c * plane, (c + 1) * plane));
        }
        return image;
    }

    private static void writeWith(Path file, String format, BufferedImage image) throws IOException {
        ImageWriter writer = format.equals("tiff")
                ? twelveMonkeysTiffWriter()
                : ImageIO.getImageWritersByFormatName(format).next();
        Files.deleteIfExists(file);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(image);
        } finally {
            writer.dispose();
        }
    }

    private static ImageWriter twelveMonkeysTiffWriter() {
        var writers = ImageIO.getImageWritersByFormatName("tiff");
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getName().startsWith("com.twelvemonkeys.")) {
                return writer;
            }
        }
        throw new IllegalStateException("the TwelveMonkeys TIFF writer is not on the test class path");
    }
}
