package io.pixelpolish.reward.iqa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A real MUSIQ export ({@code tools/iqa/export_musiq.py}) scored here as IQA-PyTorch scores it, its
 * own preprocessing included: the file named by {@value #FILE}, with {@code <file>.reference.json}
 * beside it. Skipped unless that variable is set (the model is ~100 MB and not in the repository).
 */
class MusiqExportTest {
    static final String FILE = "PIXELPOLISH_MUSIQ_MODEL";

    @Test
    void scoresTheExportsReferenceImageAsIqaPytorchDid() throws IOException {
        Path file = ExportReference.requireModel(FILE, "export_musiq.py");
        double expected = new ObjectMapper()
                .readTree(Files.readString(Path.of(file + ".reference.json")))
                .get("musiq")
                .asDouble();
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                Musiq musiq = Musiq.open(file)) {
            float score = musiq.score(manager.create(ExportReference.image(), new Shape(1, 3, 96, 160)))
                    .getFloat();
            System.out.printf("MUSIQ of the reference image: %.6f (IQA-PyTorch: %.6f)%n", score, expected);
            assertThat((double) score).isCloseTo(expected, offset(1e-3 * Math.max(1, Math.abs(expected))));
        }
    }
}
