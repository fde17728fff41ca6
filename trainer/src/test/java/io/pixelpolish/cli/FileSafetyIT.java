package io.pixelpolish.cli;

import static io.pixelpolish.testing.Launcher.launch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.pixelpolish.testing.ImageFixtures;
import io.pixelpolish.testing.Launcher.Result;
import io.pixelpolish.testing.TestCheckpoints;
import io.pixelpolish.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * enhance, visualize and eval on the files users really have, through the launcher: they never
 * write over an input, keep what they wrote before, refuse what would exhaust memory one file at a
 * time, read print JPEGs and any file name whatever the locale, and say so in their exit code.
 */
class FileSafetyIT {
    @TempDir
    Path dir;

    private Path checkpoint;
    private Path images;

    @BeforeEach
    void setUp() throws IOException {
        checkpoint = TestCheckpoints.brightening(dir.resolve("ckpt"), 0.6f);
        images = TestImages.writeFolder(dir.resolve("in"), 2, 24, true, 7);
    }

    private Result enhance(Path input, Path output, String... more) throws Exception {
        return launch(Map.of(), "", arguments(input, output, more));
    }

    private String[] arguments(Path input, Path output, String... more) {
        String[] base = {
            "enhance",
            "--ckpt",
            checkpoint.toString(),
            "--input",
            input.toString(),
            "--output",
            output.toString(),
            "--threads",
            "2"
        };
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void enhanceNeverWritesOverAnInput() throws Exception {
        Path scene = images.resolve("scene-00.png");
        byte[] before = Files.readAllBytes(scene);

        Result sameFolder = enhance(scene, images);
        assertThat(sameFolder.exitCode()).as(sameFolder.output()).isEqualTo(2);
        assertThat(sameFolder.output()).contains("would replace the input").doesNotContain("\tat ");

        Path linked = Files.createSymbolicLink(dir.resolve("linked"), images);
        Result throughLink = enhance(images, linked);
        assertThat(throughLink.exitCode()).as(throughLink.output()).isEqualTo(2);
        assertThat(throughLink.output()).contains("is the --input folder");

        Result inside = enhance(images, images.resolve("out"));
        assertThat(inside.exitCode()).as(inside.output()).isEqualTo(2);
        assertThat(inside.output()).contains("is inside the --input folder");
        assertThat(Files.readAllBytes(scene)).isEqualTo(before);
        assertThat(images.resolve("out")).doesNotExist();
    }

    @Test
    void namesThatWouldCollideAreKeptApartAndRerunsKeepWhatIsThere() throws Exception {
        ImageFixtures.write8(images.resolve("scene-00.jpg"), "jpeg", 3, 24, 24, ImageFixtures.noise8(3 * 24 * 24, 5));
        Path out = dir.resolve("out");

        Result first = launch(Map.of(), "umask 022", arguments(images, out));
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("enhanced 3 image(s)");
        assertThat(out.resolve("scene-00.png")).isRegularFile();
        assertThat(out.resolve("scene-00.jpg.png")).isRegularFile();
        assertThat(out.resolve("scene-01.png")).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("scene-01.png"))))
                .as("written with the user's umask 022")
                .isEqualTo("rw-r--r--");

        byte[] written = Files.readAllBytes(out.resolve("scene-01.png"));
        Files.writeString(out.resolve("scene-01.png"), "the user's edit");
        Result again = enhance(images, out);
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output())
                .contains("enhanced 0 image(s)", "kept 3 existing (--overwrite replaces them)")
                .contains("keeping " + out.resolve("scene-01.png"));
        assertThat(out.resolve("scene-01.png")).hasContent("the user's edit");

        Result overwrite = enhance(images, out, "--overwrite");
        assertThat(overwrite.exitCode()).as(overwrite.output()).isZero();
        assertThat(overwrite.output()).contains("enhanced 3 image(s)");
        assertThat(Files.readAllBytes(out.resolve("scene-01.png"))).isEqualTo(written);
    }

    @Test
    void anImageOverThePixelLimitFailsAloneAndTheExitCodeSaysSo() throws Exception {
        ImageFixtures.pngDeclaring(images.resolve("bomb.png"), 16000, 16000);
        Path out = dir.resolve("out");

        Result r = enhance(images, out);

        assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
        assertThat(r.output())
                .contains("16000x16000 = 256000000 pixels, more than the limit of 100000000")
                .contains("enhanced 2 image(s)", "skipped 1 unreadable or too large")
                .doesNotContain("OutOfMemoryError");
        assertThat(out.resolve("scene-00.png")).isRegularFile();
        assertThat(out.resolve("bomb.png")).doesNotExist();

        Result lower = enhance(images.resolve("scene-00.png"), dir.resolve("small"), "--max-pixels", "100");
        assertThat(lower.exitCode()).isEqualTo(2);
        assertThat(lower.output()).contains("24x24 = 576 pixels, more than the limit of 100");
    }

    @Test
    void printJpegsAndTransparentPngsAreEnhancedAndTheAlphaIsMentionedOnce() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("print"));
        int plane = 16 * 16;
        int[] cmyk = IntStream.range(0, 4 * plane).map(i -> (i * 7) % 200).toArray();
        ImageFixtures.writeAdobeJpeg(folder.resolve("cmyk.jpg"), 16, 16, cmyk, 0);
        ImageFixtures.writeAdobeJpeg(folder.resolve("ycck.jpg"), 16, 16, cmyk, 2);
        ImageFixtures.writeRgba(folder.resolve("logo-1.png"), 16, 16, ImageFixtures.noise8(3 * plane, 1));
        ImageFixtures.writeRgba(folder.resolve("logo-2.png"), 16, 16, ImageFixtures.noise8(3 * plane, 2));
        Path out = dir.resolve("out");

        Result r = enhance(folder, out);

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(r.output()).contains("enhanced 4 image(s)");
        assertThat(out.resolve("cmyk.png")).isRegularFile();
        assertThat(out.resolve("ycck.png")).isRegularFile();
        assertThat(r.output().split("has an alpha channel", -1)).hasSize(2);
    }

    @Test
    void nonAsciiFileNamesWorkUnderThePosixLocale() throws Exception {
        assumeThat(System.getProperty("sun.jnu.encoding"))
                .as("this test's own JVM can name the files")
                .isEqualTo("UTF-8");
        Path folder = Files.createDirectories(dir.resolve("café"));
        Files.copy(images.resolve("scene-00.png"), folder.resolve("Straße-ü.png"));
        Path out = dir.resolve("ausgabe-ø");

        Result r = launch(Map.of("LC_ALL", "POSIX", "LANG", "POSIX"), "", arguments(folder, out));

        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(out.resolve("Straße-ü.png")).isRegularFile();
    }

    @Test
    void evalOnAFolderOfOnlyUnreadableFilesIsBadInput() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(folder.resolve("a.png"), "not an image");
        ImageFixtures.pngDeclaring(folder.resolve("b.png"), 20000, 20000);

        Result r = launch(
                "eval",
                "--ckpt",
                checkpoint.toString(),
                "--data-root",
                folder.toString(),
                "--out",
                dir.resolve("report").toString(),
                "--no-baselines",
                "--threads",
                "2");

        assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("none of its 2 image file(s) could be read");
        assertThat(dir.resolve("report/eval.md")).doesNotExist();
    }

    @Test
    void aMissingCheckpointOrAVisualizationOverItsInputIsBadInputNamingIt() throws Exception {
        Path missing = dir.resolve("runs/none/final.ckpt");
        Result r = launch(
                "enhance", "--ckpt", missing.toString(), "--input", images.toString(), "--output", dir.toString());
        assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("--ckpt " + missing + ": no such file").doesNotContain("\tat ");

        Path input = Files.copy(images.resolve("scene-00.png"), dir.resolve("input.png"));
        byte[] before = Files.readAllBytes(input);
        Result visualize = launch(
                "visualize", "--ckpt", checkpoint.toString(), "--input", input.toString(), "--output", dir.toString());
        assertThat(visualize.exitCode()).as(visualize.output()).isEqualTo(2);
        assertThat(visualize.output()).contains("would replace the input");
        assertThat(Files.readAllBytes(input)).isEqualTo(before);
    }
}
