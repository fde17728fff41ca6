package io.pixelpolish.reward.iqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CLIP-IQA and MUSIQ end to end on tiny TorchScript models with the real input/output contracts
 * (made by src/test/resources/io/pixelpolish/reward/iqa/make_tiny_models.py): files, tokenizer, loading,
 * preprocessing, batching and score range. The tiny models compute closed-form functions of their
 * inputs, which these tests recompute.
 */
class LearnedIqaTest {
    private static final float[] CLIP_MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    private static final float[] CLIP_STD = {0.26862954f, 0.26130258f, 0.27577711f};
    private static NDManager manager;
    private static ClipIqa clipIqa;
    private static Musiq musiq;

    @BeforeAll
    static void open() throws URISyntaxException {
        manager = NDManager.newBaseManager(ai.djl.Device.cpu());
        clipIqa = ClipIqa.open(resource("clipiqa"));
        musiq = Musiq.open(resource("musiq.pt"));
    }

    @AfterAll
    static void close() {
        clipIqa.close();
        musiq.close();
        manager.close();
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(LearnedIqaTest.class
                .getResource("/io/pixelpolish/reward/iqa/" + name)
                .toURI());
    }

    @Test
    void promptsAreTokenizedWithStartAndEndTokensAndZeroPadding() {
        long[] tokens = clipIqa.promptTokens();
        assertThat(tokens).hasSize(2 * ClipIqa.CONTEXT_LENGTH);
        // tiny vocabulary: good 1, bad 2, photo 3, "." 4, start 6, end 7
        assertThat(java.util.Arrays.copyOfRange(tokens, 0, 6)).containsExactly(6, 1, 3, 4, 7, 0);
        assertThat(java.util.Arrays.copyOfRange(tokens, 77, 83)).containsExactly(6, 2, 3, 4, 7, 0);
        assertThat(java.util.Arrays.stream(tokens).filter(t -> t != 0).count()).isEqualTo(10);
    }

    @Test
    void clipIqaIsTheSoftmaxOfScaledCosinesWithTheNormalisedImage() {
        NDArray images = manager.randomUniform(0, 1, new Shape(3, 3, 24, 40));
        float[] scores = clipIqa.score(images).toFloatArray();
        assertThat(scores).hasSize(3);
        float[] pixels = images.toFloatArray();
        double[][] text = {textEmbedding(clipIqa.promptTokens(), 0), textEmbedding(clipIqa.promptTokens(), 1)};
        for (int b = 0; b < 3; b++) {
            double[] image = new double[4];
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (int i = 0; i < 24 * 40; i++) {
                    sum += (pixels[(b * 3 + c) * 24 * 40 + i] - CLIP_MEAN[c]) / CLIP_STD[c];
                }
                image[c] = sum / (24 * 40);
            }
            image[3] = 0.5;
            double good = 100 * cosine(image, text[0]);
            double bad = 100 * cosine(image, text[1]);
            double expected = 1 / (1 + Math.exp(bad - good));
            assertThat((double) scores[b]).as("image %d", b).isCloseTo(expected, offset(1e-4));
            assertThat(scores[b]).isBetween(0f, 1f);
        }
    }

    /** The tiny text encoder's formula (see make_tiny_models.py). */
    private static double[] textEmbedding(long[] tokens, int prompt) {
        double[] e = new double[4];
        int end = 0;
        for (int t = 0; t < ClipIqa.CONTEXT_LENGTH; t++) {
            long id = tokens[prompt * ClipIqa.CONTEXT_LENGTH + t];
            if (id > tokens[prompt * ClipIqa.CONTEXT_LENGTH + end]) {
                end = t;
            }
            for (int k = 0; k < 4 && id != 0; k++) {
                e[k] += Math.cos(0.3 * (k + 1) * id);
            }
        }
        e[3] += end / 10.0;
        return e;
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void grayImagesReachTheModelsAsThreeEqualChannels() {
        NDArray gray = manager.randomUniform(0, 1, new Shape(2, 1, 40, 40));
        NDArray rgb = gray.repeat(1, 3);
        assertThat(clipIqa.score(gray).toFloatArray())
                .containsExactly(clipIqa.score(rgb).toFloatArray(), offset(1e-6f));
        assertThat(musiq.score(gray).toFloatArray())
                .containsExactly(musiq.score(rgb).toFloatArray(), offset(1e-4f));
    }

    @Test
    void musiqGetsTheMultiScalePatchesAndReturnsOneScorePerImage() {
        NDArray images = manager.randomUniform(0, 1, new Shape(2, 3, 50, 70));
        float[] scores = musiq.score(images).toFloatArray();
        NDArray patches = MusiqPatches.of(images);
        // 49 + 144 resized rows (padded) + 2 x 3 full-size patches
        assertThat(patches.getShape()).isEqualTo(new Shape(2, 49 + 144 + 6, MusiqPatches.ROW));
        for (int b = 0; b < 2; b++) {
            float[] rows = patches.get(b).toFloatArray();
            double maskSum = 0;
            double pixelSum = 0;
            double positionSum = 0;
            double scaleSum = 0;
            for (int r = 0; r < 199; r++) {
                int at = r * MusiqPatches.ROW;
                double mask = rows[at + MusiqPatches.ROW - 1];
                double mean = 0;
                for (int i = 0; i < MusiqPatches.ROW - 3; i++) {
                    mean += rows[at + i];
                }
                pixelSum += mask * mean / (MusiqPatches.ROW - 3);
                maskSum += mask;
                positionSum += mask * rows[at + MusiqPatches.ROW - 3];
                scaleSum += mask * rows[at + MusiqPatches.ROW - 2];
            }
            double expected = 50 + 25 * pixelSum / maskSum + 0.001 * positionSum + 0.1 * scaleSum;
            assertThat((double) scores[b]).as("image %d", b).isCloseTo(expected, offset(1e-3));
        }
    }

    @Test
    void musiqPatchesMatchTheReferencePreprocessingBuiltFromTorchPrimitives() throws Exception {
        var reference = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(resource("musiq_patches.json").toFile());
        int height = reference.get("height").asInt();
        int width = reference.get("width").asInt();
        float[] values = new float[3 * height * width];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((Math.sin(i * 0.37f) + 1) / 2);
        }
        NDArray patches = MusiqPatches.of(manager.create(values, new Shape(1, 3, height, width)))
                .get(0);
        int rows = reference.get("rows").asInt();
        assertThat(patches.getShape()).isEqualTo(new Shape(rows, MusiqPatches.ROW));
        float[] table = patches.toFloatArray();
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int i = 0; i < MusiqPatches.ROW - 3; i++) {
                sum += table[r * MusiqPatches.ROW + i];
            }
            assertThat(sum)
                    .as("pixel sum of row %d", r)
                    .isCloseTo(reference.get("pixel_sums").get(r).asDouble(), offset(2e-3));
            for (int k = 0; k < 3; k++) {
                assertThat((double) table[r * MusiqPatches.ROW + MusiqPatches.ROW - 3 + k])
                        .as("extra %d of row %d", k, r)
                        .isEqualTo(reference.get("extras").get(r).get(k).asDouble());
            }
        }
        reference.get("first_pixels_of_row").fields().forEachRemaining(row -> {
            int r = Integer.parseInt(row.getKey());
            for (int i = 0; i < 8; i++) {
                assertThat((double) table[r * MusiqPatches.ROW + i])
                        .isCloseTo(row.getValue().get(i).asDouble(), offset(1e-5));
            }
        });
    }

    @Test
    void incompleteModelFilesAreRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Files.copy(resource("clipiqa/image_encoder.pt"), dir.resolve("image_encoder.pt"));
        assertThatThrownBy(() -> ClipIqa.open(dir))
                .hasMessageContaining(dir.resolve("text_encoder.pt").toString());
        assertThatThrownBy(() -> ClipIqa.open(dir.resolve("nothing")))
                .hasMessageContaining("expected a CLIP-IQA model folder");
        Path broken = Files.writeString(dir.resolve("broken.pt"), "not a model");
        Musiq model = Musiq.open(broken);
        assertThatThrownBy(() -> model.score(manager.zeros(new Shape(1, 3, 32, 32))))
                .hasMessageContaining(broken + ": cannot load as a TorchScript module");
        model.close();
    }
}
