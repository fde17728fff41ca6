package io.pixelpolish.cli;

import static io.pixelpolish.testing.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.testing.CliRunner.Run;
import io.pixelpolish.testing.ImageFixtures;
import io.pixelpolish.testing.TestCheckpoints;
import io.pixelpolish.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** enhance, visualize and eval end to end on a small brightening checkpoint. */
class InferenceCommandsTest {
    @TempDir
    Path dir;

    private Path checkpoint;
    private Path images;

    @BeforeEach
    void setUp() throws IOException {
        checkpoint = TestCheckpoints.brightening(dir.resolve("ckpt"), 0.6f);
        images = TestImages.writeFolder(dir.resolve("in/rgb"), 2, 40, true, 7).getParent();
        ImageFixtures.write16(
                Files.createDirectories(images.resolve("ir")).resolve("frame.tif"),
                "tiff",
                30,
                40,
                ImageFixtures.thermalFrame(30, 40, 5120, 5572, 3));
        ImageFixtures.write8(images.resolve("ir/gray.png"), "png", 1, 20, 24, ImageFixtures.noise8(20 * 24, 4));
        Files.writeString(images.resolve("broken.jpg"), "not an image");
    }

    @Test
    void enhanceKeepsModalityAndBitDepthAndSkipsBadFiles() throws IOException {
        Path out = dir.resolve("out");
        Run r = run(
                "enhance",
                "--ckpt",
                checkpoint.toString(),
                "--input",
                images.toString(),
                "--output",
                out.toString(),
                "--threads",
                "2");
        assertThat(r.exitCode())
                .as("the others written, the broken file makes it bad input: %s", r.err())
                .isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(r.out()).contains("enhanced 4 image(s)", "skipped 1 unreadable");
        assertThat(r.err()).contains("skipping", "broken.jpg");
        DecodedImage frame = ImageFiles.read(out.resolve("ir/frame.tif"), ByteSwap.NEVER);
        assertThat(frame.bitDepth()).isEqualTo(16);
        assertThat(frame.channels()).isEqualTo(1);
        DecodedImage viewed = ImageFiles.readAsViewed(out.resolve("ir/frame.tif"));
        float[] shown = viewed.pixels();
        assertThat(span(shown))
                .as("display-ready: the saved frame spreads over the 16-bit range, its raw window would span 0.007")
                .isGreaterThan(0.3f);

        Path kept = dir.resolve("kept");
        Run keepRange = run(
                "enhance",
                "--ckpt",
                checkpoint.toString(),
                "--input",
                images.resolve("ir/frame.tif").toString(),
                "--output",
                kept.toString(),
                "--keep-range");
        assertThat(keepRange.exitCode()).as(keepRange.err()).isZero();
        DecodedImage radiometric = ImageFiles.read(kept.resolve("frame.tif"), ByteSwap.NEVER);
        assertThat(radiometric.rawLow()).as("--keep-range keeps the counts").isGreaterThanOrEqualTo(5120);
        assertThat(radiometric.rawHigh()).isLessThanOrEqualTo(5572);
        DecodedImage gray = ImageFiles.read(out.resolve("ir/gray.png"), ByteSwap.NEVER);
        assertThat(gray.channels()).isEqualTo(1);
        assertThat(gray.bitDepth()).isEqualTo(8);
        DecodedImage rgb = ImageFiles.read(out.resolve("rgb/scene-00.png"), ByteSwap.NEVER);
        DecodedImage before = ImageFiles.read(images.resolve("rgb/scene-00.png"), ByteSwap.NEVER);
        assertThat(rgb.channels()).isEqualTo(3);
        assertThat(mean(rgb.pixels())).as("brightened").isGreaterThan(mean(before.pixels()) * 1.2);
    }

    private static float span(float[] values) {
        float low = Float.MAX_VALUE, high = -Float.MAX_VALUE;
        for (float v : values) {
            low = Math.min(low, v);
            high = Math.max(high, v);
        }
        return high - low;
    }

    @Test
    void enhanceRefusesToWriteOverItsInput() {
        Run r = run(
                "enhance",
                "--ckpt",
                checkpoint.toString(),
                "--input",
                images.toString(),
                "--output",
                images.toString());
        assertThat(r.exitCode()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(r.err()).contains("is the --input folder");
    }

    @Test
    void visualizeWritesEveryStepAndMap() {
        Path out = dir.resolve("vis");
        Run r = run(
                "visualize",
                "--ckpt",
                checkpoint.toString(),
                "--input",
                images.resolve("rgb/scene-01.png").toString(),
                "--output",
                out.toString(),
                "--steps",
                "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String name :
                new String[] {"input", "step-1", "step-2", "gamma-1", "alpha-2", "beta-2", "contact-sheet"}) {
            assertThat(out.resolve(name + ".png")).as(name).isRegularFile();
        }
    }

    @Test
    void evalReportsEveryMethodAndMetric() throws IOException {
        Path report = dir.resolve("report");
        Run r = run(
                "eval",
                "--ckpt",
                checkpoint.toString(),
                "--data-root",
                images.toString(),
                "--out",
                report.toString(),
                "--threads",
                "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains(
                        "| method | niqe | brisque | brightness | entropy | gradient | eme | colorfulness | exposure_error | clipped"
                                + " | brisque_release |",
                        "| pixelpolish |",
                        "| he |",
                        "| clahe |");
        String csv = Files.readString(report.resolve("eval.csv"));
        assertThat(csv.lines())
                .hasSize(1 + 4 * 4)
                .first()
                .isEqualTo(
                        "set,image,method,niqe,brisque,brightness,entropy,gradient,eme,colorfulness,exposure_error,clipped,"
                                + "brisque_release");
        assertThat(Files.readString(report.resolve("eval.json"))).contains("\"mean\"", "\"pixelpolish\"");
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
