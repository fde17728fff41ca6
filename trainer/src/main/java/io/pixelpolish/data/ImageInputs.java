package io.pixelpolish.data;

import io.pixelpolish.image.ImageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The images a command was pointed at, or a clear error naming the option. */
public final class ImageInputs {
    private ImageInputs() {}

    /** An image file, or the images of a folder (recursively). */
    public static List<Path> list(String option, Path input) throws IOException {
        if (!Files.exists(input)) {
            throw new DataException(option + " " + input + ": no such file or folder");
        }
        List<Path> files = Files.isDirectory(input) ? ImageFiles.listImages(input) : List.of(input);
        if (files.isEmpty()) {
            throw new DataException(
                    option + " " + input + ": no images (" + String.join(", ", ImageFiles.EXTENSIONS) + ")");
        }
        return files;
    }
}
