package io.pixelpolish.baseline;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.inference.Enhancer;
import io.pixelpolish.tensor.Shapes;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_imgproc.CLAHE;

/**
 * The classical baselines, with OpenCV's own implementations so the figures match the reference
 * ones: histogram equalisation of the luma (Y of YCrCb) and CLAHE (clip limit 2, 8x8 tiles) of the
 * lightness (L of Lab); gray images are equalised directly.
 */
public final class OpenCvEnhancer implements Enhancer {
    private final String name;
    private final int colourSpace;
    private final int backToRgb;
    private final CLAHE clahe;

    private OpenCvEnhancer(String name, int colourSpace, int backToRgb, CLAHE clahe) {
        this.name = name;
        this.colourSpace = colourSpace;
        this.backToRgb = backToRgb;
        this.clahe = clahe;
    }

    public static OpenCvEnhancer histogramEqualization() {
        return new OpenCvEnhancer("he", opencv_imgproc.COLOR_RGB2YCrCb, opencv_imgproc.COLOR_YCrCb2RGB, null);
    }

    public static OpenCvEnhancer clahe() {
        return new OpenCvEnhancer(
                "clahe",
                opencv_imgproc.COLOR_RGB2Lab,
                opencv_imgproc.COLOR_Lab2RGB,
                opencv_imgproc.createCLAHE(2.0, new Size(8, 8)));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NDArray enhance(NDArray rgb) {
        Shapes.require(rgb, "image", 1, 3, Shapes.ANY, Shapes.ANY);
        int height = (int) rgb.getShape().get(2), width = (int) rgb.getShape().get(3);
        boolean gray = Enhancer.isGray(rgb);
        NDArray interleaved = (gray ? rgb.get(":, 0:1") : rgb).transpose(0, 2, 3, 1);
        byte[] bytes = interleaved
                .mul(255f)
                .round()
                .clip(0, 255)
                .toType(DataType.UINT8, false)
                .toByteArray();
        try (Mat image = new Mat(height, width, gray ? opencv_core.CV_8UC1 : opencv_core.CV_8UC3)) {
            image.data().put(bytes);
            if (gray) {
                equalize(image, image);
            } else {
                equalizeFirstChannel(image);
            }
            byte[] out = new byte[bytes.length];
            image.data().get(out);
            NDArray result = rgb.getManager()
                    .create(java.nio.ByteBuffer.wrap(out), new Shape(1, height, width, gray ? 1 : 3), DataType.UINT8)
                    .toType(DataType.FLOAT32, false)
                    .div(255f)
                    .transpose(0, 3, 1, 2);
            return gray ? result.repeat(1, 3) : result;
        }
    }

    /** Converts to the luma/lightness space, equalises its first channel and converts back, in place. */
    private void equalizeFirstChannel(Mat rgb) {
        try (Mat converted = new Mat();
                MatVector channels = new MatVector()) {
            opencv_imgproc.cvtColor(rgb, converted, colourSpace);
            opencv_core.split(converted, channels);
            equalize(channels.get(0), channels.get(0));
            opencv_core.merge(channels, converted);
            opencv_imgproc.cvtColor(converted, rgb, backToRgb);
        }
    }

    private void equalize(Mat in, Mat out) {
        if (clahe == null) {
            opencv_imgproc.equalizeHist(in, out);
        } else {
            clahe.apply(in, out);
        }
    }

    @Override
    public void close() {
        if (clahe != null) {
            clahe.close();
        }
    }
}
