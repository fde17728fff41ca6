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
 * A real CLIP-IQA export ({@code tools/iqa/export_clipiqa.py}) scored here as in PyTorch: the folder
 * named by {@value #FOLDER} holds the encoders, the tokenizer and {@code reference.json}, the score the
 * export computed for a fixed image. Skipped unless that variable is set: the models are hundreds of
 * megabytes and are not part of the repository.
 */
class ClipIqaExportTest {
    static final String FOLDER = "PIXELPOLISH_CLIPIQA_MODEL";

    @Test
    void scoresTheExportsReferenceImageAsPyTorchDid() throws IOException {
        Path folder = ExportReference.requireModel(FOLDER, "export_clipiqa.py");
        double expected = new ObjectMapper()
                .readTree(Files.readString(folder.resolve("reference.json")))
                .get("clipiqa")
                .asDouble();
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());
                ClipIqa clipIqa = ClipIqa.open(folder)) {
            float score = clipIqa.score(manager.create(ExportReference.image(), new Shape(1, 3, 96, 160)))
                    .getFloat();
            System.out.printf("CLIP-IQA of the reference image: %.6f (PyTorch export: %.6f)%n", score, expected);
            assertThat((double) score).isCloseTo(expected, offset(1e-3));
        }
    }
}
