package io.pixelpolish.cli;

import static io.pixelpolish.testing.CliRunner.run;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.pixelpolish.testing.CliRunner.Run;
import io.pixelpolish.testing.NpzFixtures;
import io.pixelpolish.testing.TestCheckpoints;
import io.pixelpolish.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** benchmark end to end on a tiny tree: an unpaired set scored as colour and as gray, and a paired set. */
class BenchmarkCommandTest {
    @TempDir
    Path dir;

    private Path data;
    private Path suite;
    private Path checkpoint;

    @BeforeEach
    void setUp() throws IOException {
        checkpoint = TestCheckpoints.brightening(dir.resolve("ckpt"), 0.6f);
        data = dir.resolve("data");
        TestImages.writeFolder(data.resolve("dark/street"), 2, 32, true, 3);
        TestImages.writeFolder(data.resolve("pairs/low"), 2, 32, true, 5);
        TestImages.writeFolder(data.resolve("pairs/high"), 2, 32, false, 5);
        suite = Files.writeString(dir.resolve("suite.yaml"), """
                groups:
                  - {name: rgb, title: Dark RGB, sets: [dark/street]}
                  - {name: gray, title: Dark gray, sets: [dark/street], gray: true}
                  - {name: paired, title: Pairs, sets: [pairs]}
                """);
    }

    /** benchmark on the tiny tree and its suite, writing to {@code out}, with {@code options}. */
    private Run benchmark(Path out, String... options) {
        List<String> args = new ArrayList<>(List.of(
                "benchmark", "--data-root", data.toString(), "--suite", suite.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    @Test
    void scoresEveryMethodOnEverySetAndWritesTablesChartsAndSheets() throws IOException {
        Path out = dir.resolve("report");
        Path markdown = dir.resolve("docs/benchmark.md");
        Run r = benchmark(
                out,
                "--markdown",
                markdown.toString(),
                "--ckpt",
                "bright=" + checkpoint,
                "--ckpt",
                checkpoint.toString(),
                "--threads",
                "2");
        assertThat(r.exitCode()).as(r.err()).isZero();

        List<String> csv = Files.readAllLines(out.resolve("benchmark.csv"));
        List<String> methods = List.of("input", "he", "clahe", "bright", "final.ckpt");
        assertThat(csv).hasSize(1 + 3 * 2 * methods.size());
        assertThat(csv.get(0))
                .startsWith("set,image,method,")
                .contains("niqe", "brisque", "brightness", "entropy", "gradient", "eme", "psnr", "ssim")
                .contains("colorfulness", "exposure_error", "clipped", "colorfulness_ratio", "eme_ratio");
        int emeRatio = List.of(csv.get(0).split(",")).indexOf("eme_ratio");
        assertThat(csv)
                .filteredOn(line -> line.contains(",input,"))
                .allSatisfy(line -> assertThat(line.split(",")[emeRatio]).isEqualTo("1.0000"));
        assertThat(csv)
                .filteredOn(line -> line.startsWith("paired/pairs,"))
                .hasSize(2 * methods.size())
                .allSatisfy(line -> assertThat(line).doesNotEndWith(",,"));
        for (String method : methods) {
            assertThat(csv)
                    .filteredOn(line -> line.contains("," + method + ","))
                    .as(method)
                    .hasSize(6);
        }

        String md = Files.readString(markdown);
        assertThat(md)
                .contains(
                        "## Dark RGB",
                        "## Dark gray",
                        "## Pairs",
                        "Pooled over 2 images of dark/street",
                        "| bright |",
                        "| psnr | ssim |",
                        "Reproduce with `bin/pixelpolish benchmark --data-root");
        assertThat(r.out()).contains("## Pairs");
        Matcher link = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(md);
        int pictures = 0;
        while (link.find()) {
            assertThat(markdown.getParent().resolve(link.group(1)))
                    .as(link.group(1))
                    .isRegularFile();
            pictures++;
        }
        assertThat(pictures).as("3 contact sheets and a chart per metric").isGreaterThanOrEqualTo(3 + 6);
        assertThat(out.resolve("sheet-gray-street.jpg")).isRegularFile();
        assertThat(out.resolve("chart-psnr.png")).isRegularFile();
        assertThat(Files.readString(out.resolve("benchmark.json"))).contains("\"pooled\"", "\"Dark gray\"");
    }

    @Test
    void grayGroupsScoreTheSameImagesAsGray() throws IOException {
        Path out = dir.resolve("report");
        Run r = benchmark(out, "--ckpt", checkpoint.toString(), "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> csv = Files.readAllLines(out.resolve("benchmark.csv"));
        int brightness = List.of(csv.get(0).split(",")).indexOf("brightness");
        for (String image : List.of("scene-00.png", "scene-01.png")) {
            double colour = Double.parseDouble(csv.stream()
                    .filter(l -> l.startsWith("rgb/street," + image + ",input,"))
                    .findFirst()
                    .orElseThrow()
                    .split(",")[brightness]);
            double gray = Double.parseDouble(csv.stream()
                    .filter(l -> l.startsWith("gray/street," + image + ",input,"))
                    .findFirst()
                    .orElseThrow()
                    .split(",")[brightness]);
            assertThat(gray)
                    .as("BT.601 gray keeps the mean luma")
                    .isCloseTo(colour, org.assertj.core.data.Offset.offset(0.6));
        }
    }

    @Test
    void reLlieWeightsAddARellieMethodToEverySet() throws IOException {
        Path weights;
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            weights = NpzFixtures.rellie(manager, dir.resolve("rellie.npz"), null, a -> a);
        }
        Path out = dir.resolve("report");
        Run r = benchmark(out, "--rellie-weights", weights.toString(), "--threads", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out.resolve("benchmark.csv")))
                .filteredOn(line -> line.contains(",rellie,"))
                .hasSize(3 * 2);
        assertThat(r.out()).contains("| rellie |");
    }

    @Test
    void aBadSuiteOrAMissingSetIsNamed() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "groups:\n  - {name: Bad Name, sets: [x]}\n");
        Run r = run(
                "benchmark",
                "--data-root",
                data.toString(),
                "--suite",
                bad.toString(),
                "--ckpt",
                checkpoint.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("bad.yaml", "lowercase letters");

        Path typo = Files.writeString(dir.resolve("typo.yaml"), "groups:\n  - {name: a, set: [x]}\n");
        r = run(
                "benchmark",
                "--data-root",
                data.toString(),
                "--suite",
                typo.toString(),
                "--ckpt",
                checkpoint.toString());
        assertThat(r.err()).contains("typo.yaml", "not a benchmark suite");

        Path missing =
                Files.writeString(dir.resolve("missing.yaml"), "groups:\n  - {name: a, title: A, sets: [nowhere]}\n");
        r = run(
                "benchmark",
                "--data-root",
                data.toString(),
                "--suite",
                missing.toString(),
                "--ckpt",
                checkpoint.toString(),
                "--out",
                dir.resolve("r").toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("nowhere");

        r = run(
                "benchmark",
                "--data-root",
                data.toString(),
                "--suite",
                suite.toString(),
                "--ckpt",
                checkpoint.toString(),
                "--steps",
                "0");
        assertThat(r.exitCode()).isEqualTo(PixelPolishCli.EXIT_USAGE);
        assertThat(r.err()).contains("--steps: expected >= 1, got 0");
    }
}
