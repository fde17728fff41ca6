package io.pixelpolish.data;

import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.image.DecodedImage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Draws batches of random square crops across modalities, weighted by {@code data.modality_mix}.
 *
 * <p>Each crop: a modality drawn by the mix renormalised over the modalities that have images (GRAY
 * falls back to colour images converted to luma when there are no native gray ones and
 * {@code data.derive_gray} is set), an image drawn uniformly from that modality, a window at a uniform
 * position (an image smaller than the crop is upscaled bilinearly first, so its shorter side equals the
 * crop), and random horizontal and vertical flips when {@code data.flips} is set. The same seed gives
 * the same batches. Not thread-safe: one sampler per training loop.
 */
public final class MixedModalitySampler {

    private static final float LUMA_RED = 0.299f;
    private static final float LUMA_GREEN = 0.587f;
    private static final float LUMA_BLUE = 0.114f;

    private final Map<Modality, List<DecodedImage>> pools = new EnumMap<>(Modality.class);
    private final Map<Modality, Double> mix = new EnumMap<>(Modality.class);
    private final Modality[] drawable;
    private final double[] cumulativeWeights;
    private final boolean flips;
    private SplittableRandom random;

    public MixedModalitySampler(ImageDataset dataset, PixelPolishConfig.Data cfg, long seed) {
        List<DecodedImage> gray = dataset.images(Modality.GRAY);
        pools.put(Modality.RGB, dataset.images(Modality.RGB));
        pools.put(Modality.GRAY, gray.isEmpty() && cfg.deriveGray() ? dataset.images(Modality.RGB) : gray);
        pools.put(Modality.IR, dataset.images(Modality.IR));

        PixelPolishConfig.ModalityMix weights = cfg.modalityMix();
        Map<Modality, Double> configured =
                Map.of(Modality.RGB, weights.rgb(), Modality.GRAY, weights.gray(), Modality.IR, weights.ir());
        List<Modality> usable = new ArrayList<>();
        double total = 0;
        for (Modality modality : Modality.values()) {
            if (configured.get(modality) > 0 && !pools.get(modality).isEmpty()) {
                usable.add(modality);
                total += configured.get(modality);
            }
        }
        if (usable.isEmpty()) {
            throw new DataException("no images to sample: every modality with a positive weight in data.modality_mix "
                    + "(rgb " + weights.rgb() + ", gray " + weights.gray() + ", ir " + weights.ir()
                    + ") is empty in " + dataset.summary() + (cfg.deriveGray() ? "" : "; data.derive_gray is off"));
        }
        drawable = usable.toArray(Modality[]::new);
        cumulativeWeights = new double[drawable.length];
        double running = 0;
        for (Modality modality : Modality.values()) {
            mix.put(modality, 0.0);
        }
        for (int i = 0; i < drawable.length; i++) {
            double share = configured.get(drawable[i]) / total;
            mix.put(drawable[i], share);
            running += share;
            cumulativeWeights[i] = running;
        }
        flips = cfg.flips();
        random = new SplittableRandom(seed);
    }

    /** Restarts the random stream, e.g. when training resumes from a checkpoint. */
    public void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    /** The probability of each modality per crop, after renormalising over the modalities that have images. */
    public Map<Modality, Double> effectiveMix() {
        return Map.copyOf(mix);
    }

    public CropBatch sample(int batchSize, int cropSize) {
        if (batchSize < 1 || cropSize < 1) {
            throw new IllegalArgumentException(
                    "expected a positive batch size and crop size, got " + batchSize + " and " + cropSize);
        }
        int cropValues = CropBatch.CHANNELS * cropSize * cropSize;
        float[] pixels = new float[batchSize * cropValues];
        List<Modality> modalities = new ArrayList<>(batchSize);
        for (int b = 0; b < batchSize; b++) {
            Modality modality = drawModality();
            List<DecodedImage> pool = pools.get(modality);
            cropInto(pool.get(random.nextInt(pool.size())), modality, cropSize, pixels, b * cropValues);
            modalities.add(modality);
        }
        return new CropBatch(batchSize, cropSize, pixels, modalities);
    }

    private Modality drawModality() {
        double u = random.nextDouble();
        for (int i = 0; i < drawable.length - 1; i++) {
            if (u < cumulativeWeights[i]) {
                return drawable[i];
            }
        }
        return drawable[drawable.length - 1];
    }

    /** Writes one 3-channel crop of {@code image} at {@code offset} of {@code out}. */
    private void cropInto(DecodedImage image, Modality modality, int size, float[] out, int offset) {
        double upscale = Math.max(1.0, (double) size / Math.min(image.height(), image.width()));
        int scaledHeight = Math.max(size, (int) Math.round(image.height() * upscale));
        int scaledWidth = Math.max(size, (int) Math.round(image.width() * upscale));
        CropAxis rows = CropAxis.of(
                image.height(),
                scaledHeight,
                random.nextInt(scaledHeight - size + 1),
                size,
                flips && random.nextBoolean());
        CropAxis columns = CropAxis.of(
                image.width(),
                scaledWidth,
                random.nextInt(scaledWidth - size + 1),
                size,
                flips && random.nextBoolean());
        int plane = size * size;
        for (int c = 0; c < image.channels(); c++) {
            extractPlane(image, c, rows, columns, out, offset + c * plane);
        }
        if (image.channels() == 3 && modality == Modality.GRAY) {
            lumaIntoFirstPlane(out, offset, plane);
        }
        if (image.channels() == 1 || modality == Modality.GRAY) {
            System.arraycopy(out, offset, out, offset + plane, plane);
            System.arraycopy(out, offset, out, offset + 2 * plane, plane);
        }
    }

    /**
     * Bilinear interpolation between the taps of each axis (a weight of 0 copies the sample exactly);
     * images at least as large as the crop, the usual case, take a plain copy that is several times faster.
     */
    private static void extractPlane(
            DecodedImage image, int channel, CropAxis rows, CropAxis columns, float[] out, int offset) {
        float[] source = image.pixels();
        int width = image.width();
        int base = channel * image.planeSize();
        int size = rows.size();
        if (!rows.resampled() && !columns.resampled()) {
            for (int y = 0; y < size; y++) {
                int sourceRow = base + rows.near[y] * width;
                int outRow = offset + y * size;
                if (columns.ascending()) {
                    System.arraycopy(source, sourceRow + columns.near[0], out, outRow, size);
                    continue;
                }
                for (int x = 0; x < size; x++) {
                    out[outRow + x] = source[sourceRow + columns.near[x]];
                }
            }
            return;
        }
        for (int y = 0; y < size; y++) {
            int upper = base + rows.near[y] * width;
            int lower = base + rows.far[y] * width;
            float wy = rows.weight[y];
            int outRow = offset + y * size;
            for (int x = 0; x < size; x++) {
                int near = columns.near[x];
                int far = columns.far[x];
                float wx = columns.weight[x];
                float top = source[upper + near] + wx * (source[upper + far] - source[upper + near]);
                float bottom = source[lower + near] + wx * (source[lower + far] - source[lower + near]);
                out[outRow + x] = top + wy * (bottom - top);
            }
        }
    }

    private static void lumaIntoFirstPlane(float[] out, int offset, int plane) {
        for (int i = offset; i < offset + plane; i++) {
            out[i] = LUMA_RED * out[i] + LUMA_GREEN * out[i + plane] + LUMA_BLUE * out[i + 2 * plane];
        }
    }

    /**
     * For each crop position along one axis, the two source samples it lies between and the weight of
     * the far one. The crop starts at {@code start} on the axis scaled to {@code scaledLength}; pixel
     * centres are aligned (half-pixel offsets), the usual convention for image upscaling.
     */
    private record CropAxis(int[] near, int[] far, float[] weight, boolean resampled) {

        static CropAxis of(int sourceLength, int scaledLength, int start, int size, boolean flip) {
            int[] near = new int[size];
            int[] far = new int[size];
            float[] weight = new float[size];
            double ratio = (double) sourceLength / scaledLength;
            for (int i = 0; i < size; i++) {
                int scaled = start + (flip ? size - 1 - i : i);
                if (scaledLength == sourceLength) {
                    near[i] = scaled;
                    far[i] = scaled;
                    continue;
                }
                double position = Math.min(sourceLength - 1, Math.max(0.0, (scaled + 0.5) * ratio - 0.5));
                near[i] = (int) position;
                far[i] = Math.min(near[i] + 1, sourceLength - 1);
                weight[i] = (float) (position - near[i]);
            }
            return new CropAxis(near, far, weight, scaledLength != sourceLength);
        }

        int size() {
            return near.length;
        }

        /** Whether the crop runs along the source in order, i.e. unflipped and not resampled. */
        boolean ascending() {
            return !resampled && near[near.length - 1] - near[0] == near.length - 1;
        }
    }
}
