package io.pixelpolish.iqa;

/** The fixed image the export scripts in tools/iqa score for their reference.json. */
final class ExportReference {
    private ExportReference() {}

    /** {@code (sin(0.01 i) + 1) / 2} for i over a 1x3x96x160 image, planar. */
    static float[] image() {
        float[] image = new float[3 * 96 * 160];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float) ((Math.sin(i * 0.01f) + 1) / 2);
        }
        return image;
    }
}
