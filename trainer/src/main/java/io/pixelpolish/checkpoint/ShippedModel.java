package io.pixelpolish.checkpoint;

import io.pixelpolish.contract.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The released policy that ships inside the trainer jar (models/pixelpolish-release.ckpt; its model
 * card is models/README.md): the default of {@code enhance}, {@code visualize}, {@code eval} and
 * {@code benchmark} when no {@code --ckpt} is given.
 */
public final class ShippedModel {
    public static final String NAME = "pixelpolish-release.ckpt";
    private static final String RESOURCE = "/io/pixelpolish/models/" + NAME;
    private static Path extracted;

    private ShippedModel() {}

    /** The shipped checkpoint as a file (copied once per process to a temporary file). */
    public static synchronized Path checkpoint() throws IOException {
        if (extracted == null) {
            try (InputStream in = ShippedModel.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new InvalidInputException(
                            "this build ships no released policy (" + RESOURCE + "): pass --ckpt FILE");
                }
                Path file = Files.createTempFile("pixelpolish-release-", ".ckpt");
                file.toFile().deleteOnExit();
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                extracted = file;
            }
        }
        return extracted;
    }
}
