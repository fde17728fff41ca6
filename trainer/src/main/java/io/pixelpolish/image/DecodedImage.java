package io.pixelpolish.image;

import io.pixelpolish.contract.InvalidInputException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An image as planar CHW floats in [0, 1], the layout the policy network consumes.
 *
 * <p>{@code rawLow} and {@code rawHigh} are the source sample values that map to 0 and 1: 0 and 255 for
 * 8-bit files, the frame's own minimum and maximum for 16-bit ones (thermal counts sit in narrow bands
 * of the 16-bit range, so a fixed 0..65535 scale would leave them nearly uniform gray: reading
 * stretches the frame as a thermal display's gain control does). Writing a 16-bit image maps [0, 1]
 * back onto that interval; {@link #withFullRange} writes it display-ready instead.
 *
 * <p>The pixel array is shared, not copied; as with any record holding an array, {@code equals}
 * compares it by identity.
 */
public record DecodedImage(
        Path source, int channels, int height, int width, int bitDepth, double rawLow, double rawHigh, float[] pixels) {

    public DecodedImage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pixels, "pixels");
        if (channels != 1 && channels != 3) {
            throw new InvalidInputException(source + ": expected 1 or 3 channels, got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new InvalidInputException(source + ": expected a positive size, got " + height + "x" + width);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new InvalidInputException(source + ": expected a bit depth of 8 or 16, got " + bitDepth);
        }
        if (!(rawLow <= rawHigh)) {
            throw new InvalidInputException(
                    source + ": expected rawLow <= rawHigh, got [" + rawLow + ", " + rawHigh + "]");
        }
        long expected = (long) channels * height * width;
        if (pixels.length != expected) {
            throw new InvalidInputException(source + ": expected " + expected + " pixel values for " + channels + "x"
                    + height + "x" + width + " (CHW), got " + pixels.length);
        }
    }

    /** Pixels in one channel plane. */
    public int planeSize() {
        return height * width;
    }

    /**
     * The same image mapped onto its format's full range (0..65535 for 16 bits), as a display-ready
     * result is written: a thermal frame's raw window of a few thousand counts would otherwise open as
     * an almost flat gray picture in any viewer.
     */
    public DecodedImage withFullRange() {
        return bitDepth == 8 ? this : new DecodedImage(source, channels, height, width, bitDepth, 0, 65535, pixels);
    }

    /** The same image at another size, e.g. after resampling; source, depth and raw range are kept. */
    public DecodedImage withPixels(int newHeight, int newWidth, float[] newPixels) {
        return new DecodedImage(source, channels, newHeight, newWidth, bitDepth, rawLow, rawHigh, newPixels);
    }
}
