package io.pixelpolish.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageFilesListTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "a.png, true",
        "b.JPG, true",
        "c.jpeg, true",
        "d.Bmp, true",
        "e.tif, true",
        "f.TIFF, true",
        "g.gif, false",
        "h.png.txt, false",
        "png, false",
        "i., false"
    })
    void imagesAreRecognisedByExtensionInAnyCase(String name, boolean image) {
        assertThat(ImageFiles.isImage(Path.of("folder", name))).isEqualTo(image);
    }

    @Test
    void listingIsRecursiveSortedAndSkipsHiddenEntries() throws IOException {
        Path b = touch("b.png");
        Path a = touch("sub/deeper/a.jpg");
        Path c = touch("c.TIF");
        touch("notes.txt");
        touch(".hidden.png");
        touch(".cache/inside.png");
        touch("sub/.thumbs/t.png");

        assertThat(ImageFiles.listImages(dir)).containsExactly(b, c, a);
    }

    private Path touch(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.createFile(file);
    }
}
