package io.pixelpolish.image;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warnings about how files are read that hold for a whole batch (alpha ignored, colours converted
 * without a profile): said once per process, with the first file, so a folder of a thousand RGBA
 * PNGs gives one line and not a thousand.
 */
final class Warnings {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFiles.class);
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    private Warnings() {}

    /** Logs {@code message} unless a warning of this {@code kind} was logged before. */
    static void once(String kind, String message) {
        if (SAID.add(kind)) {
            LOG.warn("{} (said once; other files like it are not reported)", message);
        }
    }
}
