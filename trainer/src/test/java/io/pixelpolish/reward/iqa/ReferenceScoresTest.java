package io.pixelpolish.reward.iqa;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NIQE and BRISQUE against the reference scores of {@code ../shared/iqa/reference_scores.csv}, computed
 * by independent implementations (BasicSR's NIQE; a BRISQUE with the LIVE SVR, see docs/iqa.md) on
 * every image of {@code ../shared/data}, with the inputs prepared as that file's README says. Skipped
 * when the shared checkout is absent.
 *
 * <p>Tolerances. NIQE: 0.05 absolute (about 1 % of typical scores). What remains is JPEG decoding
 * (ImageIO versus libjpeg), float32 rounding in the reference, and for VV the 8-bit rounding of the
 * area downscale; observed at most ~0.02. BRISQUE: 2 points on a 0..100 scale, mean under 0.5; gray
 * images agree to ~0.03, colour images to ~1.5 through rgb2gray rounding on a few images.
 *
 * <p>The reference BRISQUE makes its second scale by taking every other pixel, as {@link
 * Brisque#live()} does; the LIVE release ({@link Brisque#liveRelease()}) uses MATLAB's antialiased
 * bicubic {@code imresize}, which changes scores by up to ~30 points. {@link BrisqueLiveReleaseTest}
 * checks that variant against the LIVE release's own output.
 */
class ReferenceScoresTest {
    private static final double NIQE_TOLERANCE = 0.05;
    private static final double BRISQUE_TOLERANCE = 2.0;
    private static final double BRISQUE_MEAN_TOLERANCE = 0.5;
    /** The reference scores images over this many pixels after an integer area downscale. */
    private static final double MAX_PIXELS = 2e6;

    private static final Map<String, String> FOLDERS = Map.of(
            "DICM",
            "lowlight/DICM",
            "LIME",
            "lowlight/LIME",
            "MEF",
            "lowlight/MEF",
            "VV",
            "lowlight/VV",
            "TNO",
            "ir/TNO",
            "RoadScene",
            "ir/RoadScene",
            "FLIR_raw16",
            "ir/FLIR_raw16",
            "TNO_visible",
            "wellexposed/TNO_visible");

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** One row of the reference file; NaN where it has no value. */
    private record Reference(String set, String image, double niqe, double brisque) {}

    @Test
    void niqeAndBrisqueMatchTheReferenceScoresOfEverySharedImage() throws IOException {
        Path data = SharedData.require();
        Niqe niqe = Niqe.pristine();
        Brisque brisque = Brisque.live();
        Map<String, Differences> niqeBySet = new TreeMap<>();
        Map<String, Differences> brisqueBySet = new TreeMap<>();
        for (Reference reference : references(data)) {
            try (NDManager scope = manager.newSubManager()) {
                NDArray image = asReferencePrepared(
                        scope, data.resolve(FOLDERS.get(reference.set())).resolve(reference.image()));
                String label = reference.set() + "/" + reference.image();
                float ourNiqe = niqe.score(image).getFloat();
                if (Double.isNaN(reference.niqe())) {
                    assertThat(ourNiqe)
                            .as("NIQE of %s (too small for two blocks)", label)
                            .isNaN();
                } else {
                    niqeBySet
                            .computeIfAbsent(reference.set(), s -> new Differences())
                            .add(label, ourNiqe - reference.niqe());
                }
                if (!Double.isNaN(reference.brisque())) {
                    brisqueBySet
                            .computeIfAbsent(reference.set(), s -> new Differences())
                            .add(label, brisque.score(image).getFloat() - reference.brisque());
                }
            }
        }
        report("NIQE", niqeBySet, NIQE_TOLERANCE);
        report("BRISQUE (reference's decimated second scale)", brisqueBySet, BRISQUE_TOLERANCE);
        assertThat(niqeBySet.keySet()).hasSize(FOLDERS.size());
        niqeBySet.forEach((set, d) -> d.assertWithin("NIQE " + set, NIQE_TOLERANCE, NIQE_TOLERANCE));
        brisqueBySet.forEach((set, d) -> d.assertWithin("BRISQUE " + set, BRISQUE_TOLERANCE, BRISQUE_MEAN_TOLERANCE));
    }

    private static List<Reference> references(Path data) throws IOException {
        Path file = data.resolveSibling("iqa").resolve("reference_scores.csv");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).as("header of %s", file).startsWith("set,image,niqe,brisque_live,");
        List<Reference> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            rows.add(new Reference(fields[0], fields[1], number(fields[2]), number(fields[3])));
        }
        return rows;
    }

    private static double number(String field) {
        return field.isEmpty() || field.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(field);
    }

    /**
     * The image as the reference scored it: 16-bit frames min-max normalised (by the decoder) and
     * rounded to 8 bits; images over 2 MP reduced by the smallest integer factor with area averaging,
     * rounded to 8 bits.
     */
    private static NDArray asReferencePrepared(NDManager scope, Path file) throws IOException {
        DecodedImage decoded = ImageFiles.read(file, ByteSwap.AUTO);
        NDArray image =
                scope.create(decoded.pixels(), new Shape(1, decoded.channels(), decoded.height(), decoded.width()));
        long factor = 1;
        while ((double) decoded.height() * decoded.width() / (factor * factor) > MAX_PIXELS) {
            factor++;
        }
        if (factor > 1) {
            Shape window = new Shape(factor, factor);
            image = Pool.avgPool2d(image, window, window, new Shape(0, 0), false, true);
        }
        return decoded.bitDepth() == 16 || factor > 1 ? image.mul(255).round().div(255) : image;
    }

    private static void report(String metric, Map<String, Differences> bySet, double tolerance) {
        System.out.printf("%s versus reference_scores.csv (tolerance %.2f)%n", metric, tolerance);
        System.out.printf("  %-12s %6s %14s %14s  %s%n", "set", "images", "mean |diff|", "max |diff|", "worst image");
        bySet.forEach((set, d) -> System.out.printf(
                "  %-12s %6d %14.4f %14.4f  %s%n", set, d.count, d.sumAbs / d.count, d.maxAbs, d.worst));
    }

    private static final class Differences {
        int count;
        double sumAbs;
        double maxAbs = -1;
        String worst;

        void add(String label, double difference) {
            assertThat(difference).as("score of %s", label).isNotNaN();
            count++;
            sumAbs += Math.abs(difference);
            if (Math.abs(difference) > maxAbs) {
                maxAbs = Math.abs(difference);
                worst = label + " (" + String.format("%+.4f", difference) + ")";
            }
        }

        void assertWithin(String what, double maximum, double mean) {
            assertThat(maxAbs).as("%s: largest difference, at %s", what, worst).isLessThanOrEqualTo(maximum);
            assertThat(sumAbs / count).as("%s: mean absolute difference", what).isLessThanOrEqualTo(mean);
        }
    }
}
