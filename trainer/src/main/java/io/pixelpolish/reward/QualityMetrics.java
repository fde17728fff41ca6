package io.pixelpolish.reward;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.reward.iqa.IqaMetrics;
import io.pixelpolish.reward.iqa.QualityMetric;
import io.pixelpolish.tensor.ImageStats;
import io.pixelpolish.tensor.Shapes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image statistics reported by {@code eval} and {@code benchmark}: the physical ones, defined as
 * the reference figures in ../shared/iqa define them, on 8-bit gray (BT.601 luma, rounded):
 * brightness (mean), entropy (bits of the 256-bin histogram), gradient (mean Sobel magnitude on the
 * 0-255 image, OpenCV's mirrored border) and EME (8x8 blocks of the [0, 1] image, epsilon 1e-4);
 * colourfulness (Hasler and Suesstrunk 2003, on the 8-bit RGB image), the exposure error (distance
 * of the mean luma in [0, 1] from mid-grey) and the fraction of clipped pixels (8-bit luma 0 or
 * 255); and the no-reference quality measures a config makes available (NIQE, BRISQUE, CLIP-IQA,
 * MUSIQ).
 */
public final class QualityMetrics {
    public static final List<String> PHYSICS =
            List.of("brightness", "entropy", "gradient", "eme", "colorfulness", "exposure_error", "clipped");
    /** The luma a well-exposed image averages to, by the exposure error's definition. */
    public static final double MID_GREY = 0.5;

    private static final AgaianEme EME = new AgaianEme(8, 1e-4);

    private final List<QualityMetric> noReference;

    public QualityMetrics(List<QualityMetric> noReference) {
        this.noReference = List.copyOf(noReference);
    }

    /** The physical statistics and every no-reference measure {@code cfg} makes available. */
    public static QualityMetrics forConfig(PixelPolishConfig.Reward cfg) {
        return new QualityMetrics(IqaMetrics.available(cfg));
    }

    /** @param rgb one image {@code [1, 3, H, W]} in [0, 1]; NaN where a measure is undefined (NIQE on small images) */
    public Map<String, Double> measure(NDArray rgb) {
        Map<String, Double> values = physics(rgb);
        for (QualityMetric metric : noReference) {
            values.put(metric.name(), (double) metric.score(rgb).getFloat());
        }
        return values;
    }

    /** @param rgb one image {@code [1, 3, H, W]} in [0, 1] */
    public static Map<String, Double> physics(NDArray rgb) {
        Shapes.require(rgb, "image", 1, 3, Shapes.ANY, Shapes.ANY);
        NDArray gray = ImageStats.luma(rgb).mul(255f).round().clip(0f, 255f);
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("brightness", (double) gray.mean().getFloat());
        values.put("entropy", histogramEntropy(gray));
        NDArray sobel = SobelGradient.magnitude(ImageStats.pad(gray, 1, ImageStats.Border.REFLECT_101));
        values.put("gradient", (double) sobel.mean().getFloat());
        values.put("eme", (double)
                EME.score(new RewardInput(gray.div(255f).repeat(1, 3))).getFloat());
        values.put("colorfulness", colorfulness(rgb));
        values.put("exposure_error", Math.abs(values.get("brightness") / 255.0 - MID_GREY));
        values.put("clipped", (double) gray.eq(0f)
                .logicalOr(gray.eq(255f))
                .toType(DataType.FLOAT32, false)
                .mean()
                .getFloat());
        return values;
    }

    /**
     * Hasler and Suesstrunk's M = sigma_rgyb + 0.3 mu_rgyb on 8-bit RGB, with rg = R - G and
     * yb = (R + G) / 2 - B; 0 for gray images.
     */
    private static double colorfulness(NDArray rgb) {
        NDArray eightBit = rgb.clip(0f, 1f).mul(255f).round();
        NDArray r = eightBit.get(":, 0"), g = eightBit.get(":, 1"), b = eightBit.get(":, 2");
        NDArray rg = r.sub(g), yb = r.add(g).mul(0.5f).sub(b);
        double sigma = Math.sqrt(variance(rg) + variance(yb));
        double mu = Math.hypot(rg.mean().getFloat(), yb.mean().getFloat());
        return sigma + 0.3 * mu;
    }

    private static double variance(NDArray x) {
        NDArray centred = x.sub(x.mean());
        return centred.mul(centred).mean().getFloat();
    }

    private static double histogramEntropy(NDArray gray) {
        int[] levels = gray.toType(DataType.INT32, false).toIntArray();
        long[] counts = new long[256];
        for (int level : levels) {
            counts[level]++;
        }
        double bits = 0;
        for (long count : counts) {
            if (count > 0) {
                double p = (double) count / levels.length;
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits;
    }
}
