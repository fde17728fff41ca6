package io.pixelpolish.data;

import java.util.Locale;

/** The kinds of image the policy is trained on; each has its own weight in {@code data.modality_mix}. */
public enum Modality {
    /** Colour images. */
    RGB,
    /** Single-channel visible-light images, native or converted from colour. */
    GRAY,
    /** Single-channel thermal images, 8- or 16-bit. */
    IR;

    /** The name used in the config and in console output. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
