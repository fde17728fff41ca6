package io.pixelpolish.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.testing.ImageFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDatasetTest {

    @TempDir
    Path root;

    @Test
    void modalityComesFromChannelsAndTheIrPathPattern() throws IOException {
        Path rgb = rgb("photos/rgb.png", 4, 4);
        Path gray = gray("visible/gray.png", 4, 4);
        Path thermal = gray("Thermal_2024/cam1/frame.png", 4, 4);
        Path flir = ImageFixtures.write16(
                dir("FLIR_raw16").resolve("f_RAW.tif"), "tiff", 4, 4, ImageFixtures.thermalFrame(4, 4, 5000, 5400, 1));
        Path colourInIrFolder = rgb("ir/overlay.png", 4, 4);

        ImageDataset dataset = ImageDataset.load(root, DataConfigs.BASE);

        assertThat(sources(dataset, Modality.RGB)).containsExactly(colourInIrFolder, rgb);
        assertThat(sources(dataset, Modality.GRAY)).containsExactly(gray);
        assertThat(sources(dataset, Modality.IR)).containsExactly(flir, thermal);
        assertThat(dataset.counts())
                .containsExactly(Map.entry(Modality.RGB, 2), Map.entry(Modality.GRAY, 1), Map.entry(Modality.IR, 2));
        assertThat(dataset.size()).isEqualTo(5);
        assertThat(dataset.summary())
                .isEqualTo("5 images under " + root + " (rgb 2, gray 1, ir 2), longer side <= 512 px");
    }

    @Test
    void imagesAreReducedToMaxSideKeepingTheirAspect() throws IOException {
        rgb("wide.png", 40, 100);
        gray("small.png", 10, 20);

        ImageDataset dataset = ImageDataset.load(root, DataConfigs.withMaxSide(50));

        DecodedImage wide = dataset.images(Modality.RGB).get(0);
        DecodedImage small = dataset.images(Modality.GRAY).get(0);
        assertThat(new int[] {wide.height(), wide.width()}).containsExactly(20, 50);
        assertThat(new int[] {small.height(), small.width()}).containsExactly(10, 20);
    }

    @Test
    void maxSideZeroKeepsFullSize() throws IOException {
        rgb("wide.png", 40, 100);

        DecodedImage image = ImageDataset.load(root, DataConfigs.withMaxSide(0))
                .images(Modality.RGB)
                .get(0);

        assertThat(new int[] {image.height(), image.width()}).containsExactly(40, 100);
    }

    @Test
    void unreadableFilesAreSkippedAndNamed() throws IOException {
        Path good = rgb("good.png", 8, 8);
        Path empty = Files.createFile(root.resolve("empty.png"));
        Path truncated = ImageFixtures.truncate(rgb("cut.png", 32, 32), 60);
        Path text = Files.writeString(root.resolve("readme.png"), "not an image");

        ImageDataset dataset = ImageDataset.load(root, DataConfigs.BASE);

        assertThat(sources(dataset, Modality.RGB)).containsExactly(good);
        assertThat(dataset.skippedFiles()).hasSize(3);
        assertThat(dataset.skippedFiles().get(0)).startsWith(truncated + ": ");
        assertThat(dataset.skippedFiles().get(1)).isEqualTo(empty + ": empty file (0 bytes)");
        assertThat(dataset.skippedFiles().get(2)).startsWith(text + ": content is not");
        assertThat(dataset.summary()).endsWith("; 3 unreadable file(s) skipped");
    }

    @Test
    void folderWithoutImagesIsAClearError() throws IOException {
        Files.writeString(root.resolve("notes.txt"), "no pictures here");
        gray(".hidden/frame.png", 4, 4);

        assertThatThrownBy(() -> ImageDataset.load(root, DataConfigs.BASE))
                .isInstanceOf(DataException.class)
                .hasMessage("no images found under " + root + " (hidden files and folders are ignored); "
                        + "expected a folder of images with the extensions " + ImageFiles.EXTENSIONS);
    }

    @Test
    void missingFolderIsAClearError() {
        Path missing = root.resolve("nowhere");

        assertThatThrownBy(() -> ImageDataset.load(missing, DataConfigs.BASE))
                .isInstanceOf(DataException.class)
                .hasMessage("image folder " + missing
                        + " does not exist; expected a folder of images with the extensions " + ImageFiles.EXTENSIONS);
    }

    @Test
    void folderOfOnlyBrokenImagesIsAClearError() throws IOException {
        Files.createFile(root.resolve("a.png"));
        Files.createFile(root.resolve("b.jpg"));

        assertThatThrownBy(() -> ImageDataset.load(root, DataConfigs.BASE))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("none of the 2 image files under " + root + " could be decoded");
    }

    private Path rgb(String relative, int height, int width) throws IOException {
        return ImageFixtures.write8(
                file(relative), "png", 3, height, width, ImageFixtures.noise8(3 * height * width, relative.hashCode()));
    }

    private Path gray(String relative, int height, int width) throws IOException {
        return ImageFixtures.write8(
                file(relative), "png", 1, height, width, ImageFixtures.noise8(height * width, relative.hashCode()));
    }

    private Path file(String relative) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        return file;
    }

    private Path dir(String relative) throws IOException {
        return Files.createDirectories(root.resolve(relative));
    }

    private static List<Path> sources(ImageDataset dataset, Modality modality) {
        return dataset.images(modality).stream().map(DecodedImage::source).toList();
    }
}
