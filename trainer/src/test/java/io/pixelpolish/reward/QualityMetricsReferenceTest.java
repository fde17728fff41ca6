package io.pixelpolish.reward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import io.pixelpolish.config.PixelPolishConfig.ByteSwap;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.image.ImageTensors;
import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our brightness, entropy, gradient and EME against the reference values of
 * ../shared/iqa/reference_scores.csv (independent implementations; see that folder's README). JPEG
 * decoders differ in rounding, hence the small tolerances.
 */
class QualityMetricsReferenceTest {

    @ParameterizedTest
    @CsvSource({
        "DICM, lowlight/DICM, 01.jpg",
        "DICM, lowlight/DICM, 27.jpg",
        "LIME, lowlight/LIME, 1.bmp",
        "MEF, lowlight/MEF, Balloons.png",
        "TNO, ir/TNO, 01.png",
        "RoadScene, ir/RoadScene, FLIR_00211.jpg",
        "FLIR_raw16, ir/FLIR_raw16, IR_Fussbodenheizung_RAW.tif"
    })
    void matchesTheReferenceImplementation(String set, String folder, String image) throws IOException {
        Path file = SharedData.require(folder).resolve(image);
        Map<String, Double> reference =
                reference(SharedData.location().resolve("../iqa/reference_scores.csv"), set, image);
        try (NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu())) {
            Map<String, Double> ours =
                    QualityMetrics.physics(ImageTensors.toTensor(manager, ImageFiles.read(file, ByteSwap.AUTO)));
            assertThat(ours.get("brightness")).as("brightness").isCloseTo(reference.get("brightness"), offset(0.5));
            assertThat(ours.get("entropy")).as("entropy").isCloseTo(reference.get("entropy"), offset(0.02));
            assertThat(ours.get("gradient")).as("gradient").isCloseTo(reference.get("gradient"), offset(0.5));
            assertThat(ours.get("eme")).as("eme").isCloseTo(reference.get("eme"), offset(0.2));
        }
    }

    private static Map<String, Double> reference(Path csv, String set, String image) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            if (cells[0].equals(set) && cells[1].equals(image)) {
                Map<String, Double> values = new HashMap<>();
                for (int i = 2; i < header.length; i++) {
                    values.put(header[i], cells[i].isEmpty() ? Double.NaN : Double.parseDouble(cells[i]));
                }
                return values;
            }
        }
        throw new IllegalArgumentException(csv + " has no row for " + set + "/" + image);
    }
}
