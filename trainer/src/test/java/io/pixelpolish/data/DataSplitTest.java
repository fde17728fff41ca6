package io.pixelpolish.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.testing.CliRunner;
import io.pixelpolish.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataSplitTest {
    @TempDir
    Path dir;

    private static List<String> relative(Path root) throws IOException {
        return ImageFiles.listImages(root).stream()
                .map(p -> root.relativize(p).toString())
                .toList();
    }

    @Test
    void everyImageLandsOnExactlyOneSideAndPairsStayTogether() throws IOException {
        Path data = dir.resolve("data");
        TestImages.writeFolder(data.resolve("photos"), 12, 16, true, 1);
        TestImages.writeFolder(data.resolve("lol/low"), 6, 16, true, 2);
        TestImages.writeFolder(data.resolve("lol/high"), 6, 16, false, 2);

        DataSplit.Summary summary = new DataSplit(data, 0.5, 7).write(dir.resolve("split"), false);

        List<String> train = relative(dir.resolve("split/train")),
                validation = relative(dir.resolve("split/validation"));
        assertThat(summary.trainImages() + summary.validationImages()).isEqualTo(24);
        assertThat(train).hasSize(summary.trainImages()).doesNotContainAnyElementsOf(validation);
        assertThat(validation).isNotEmpty();
        for (List<String> side : List.of(train, validation)) {
            side.stream()
                    .filter(p -> p.startsWith("lol/low/"))
                    .forEach(low -> assertThat(side).contains(low.replace("/low/", "/high/")));
        }
        assertThat(dir.resolve("split/train").resolve(train.get(0))).hasSameBinaryContentAs(data.resolve(train.get(0)));
    }

    @Test
    void theSideOfAnImageDependsOnlyOnItsPathAndTheSeed() {
        DataSplit split = new DataSplit(dir, 0.3, 0);
        List<Path> paths = IntStream.range(0, 2000)
                .mapToObj(i -> Path.of("set", "img-" + i + ".png"))
                .toList();
        long inValidation = paths.stream().filter(split::isValidation).count();
        assertThat(inValidation).isBetween(540L, 660L);
        assertThat(paths.stream()
                        .filter(new DataSplit(dir, 0.3, 0)::isValidation)
                        .count())
                .isEqualTo(inValidation);
        assertThat(paths.stream()
                        .filter(new DataSplit(dir, 0.3, 1)::isValidation)
                        .toList())
                .isNotEqualTo(paths.stream().filter(split::isValidation).toList());
        assertThat(split.isValidation(Path.of("lol", "low", "1.png")))
                .isEqualTo(split.isValidation(Path.of("lol", "high", "1.png")));
    }

    @Test
    void refusesToWriteIntoAFolderThatHoldsAnythingAndNamesBadInput() throws IOException {
        Path data = TestImages.writeFolder(dir.resolve("data"), 2, 16, true, 1);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> new DataSplit(data, 0.5, 0).write(out, false))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("--out " + out + ": exists and is not an empty folder");
        assertThat(out.resolve("notes.txt")).hasContent("keep me");
        assertThatThrownBy(() -> new DataSplit(data, 1.5, 0))
                .hasMessage("--validation-fraction: expected a number in (0, 1), got 1.5");
    }

    @Test
    void theCommandSplitsAndTrainValidatesOnTheResult() throws IOException {
        Path data = TestImages.writeFolder(dir.resolve("data/scenes"), 6, 40, true, 3);
        CliRunner.Run split = CliRunner.run(
                "split",
                "--data-root",
                data.getParent().toString(),
                "--out",
                dir.resolve("split").toString(),
                "--validation-fraction",
                "0.5",
                "--copy");
        assertThat(split.exitCode()).as(split.err()).isZero();
        assertThat(split.out())
                .contains("(copies)")
                .contains(dir.resolve("split/validation").toString());

        List<String> args = new ArrayList<>(List.of(
                "train",
                "--data-root",
                dir.resolve("split/train").toString(),
                "--validation-root",
                dir.resolve("split/validation").toString(),
                "--output-dir",
                dir.resolve("runs").toString(),
                "--run-name",
                "validated",
                "--set",
                "train.total_updates=2"));
        args.addAll(CliRunner.TINY_TRAINING);
        CliRunner.Run train = CliRunner.run(args.toArray(String[]::new));
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(Files.readString(dir.resolve("runs/validated/metrics.jsonl")))
                .contains("\"val/quality\"", "\"val/scenes/entropy_delta\"");
        assertThat(dir.resolve("runs/validated/checkpoints/best.ckpt")).isRegularFile();

        CliRunner.Run again = CliRunner.run(
                "split",
                "--data-root",
                data.getParent().toString(),
                "--out",
                dir.resolve("split").toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("exists and is not an empty folder");
    }
}
