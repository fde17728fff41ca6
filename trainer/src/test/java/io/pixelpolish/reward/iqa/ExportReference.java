package io.pixelpolish.reward.iqa;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The exports of tools/iqa and the fixed image they score for their reference.json. */
final class ExportReference {
    private ExportReference() {}

    /**
     * The exported model named by the environment variable {@code variable}; the calling test is
     * skipped when it is not set (real models are hundreds of megabytes and not in the repository).
     */
    static Path requireModel(String variable, String script) {
        String configured = System.getenv(variable);
        Assumptions.assumeTrue(
                configured != null && !configured.isBlank(),
                () -> "skipped: set " + variable + " to a model written by tools/iqa/" + script
                        + " to check a real export");
        return Path.of(configured);
    }

    /** {@code (sin(0.01 i) + 1) / 2} for i over a 1x3x96x160 image, planar. */
    static float[] image() {
        float[] image = new float[3 * 96 * 160];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) ((Math.sin(i * 0.01f) + 1) / 2);
        }
        return image;
    }
}
