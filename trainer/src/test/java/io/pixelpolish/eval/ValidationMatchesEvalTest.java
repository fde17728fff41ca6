package io.pixelpolish.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pixelpolish.baseline.Baselines;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.contract.metrics.ValidationMeasure;
import io.pixelpolish.data.ImageInputs;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.inference.PolicyEnhancer;
import io.pixelpolish.reward.QualityMetrics;
import io.pixelpolish.testing.TestCheckpoints;
import io.pixelpolish.testing.TestConfigs;
import io.pixelpolish.testing.TestImages;
import io.pixelpolish.validation.ValidationSets;
import io.pixelpolish.validation.Validator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ruler a run validates with is the one {@code eval} measures a checkpoint with. */
class ValidationMatchesEvalTest {
    @TempDir
    Path dir;

    @Test
    void validationScoresOfACheckpointEqualEvalsOnTheSameImages() throws IOException {
        Path images = TestImages.writeFolder(dir.resolve("images"), 2, 200, true, 3);
        Path checkpoint = TestCheckpoints.brightening(dir.resolve("ckpt"), 0.6f);
        QualityMetrics metrics = QualityMetrics.forConfig(TestConfigs.tiny().reward());

        Evaluation.run(
                images,
                ImageInputs.list("--input", images),
                load(checkpoint),
                "test",
                new Baselines(false, null, null, null),
                metrics,
                dir.resolve("eval"),
                ImageFiles.DEFAULT_MAX_PIXELS,
                new PrintWriter(new StringWriter()));
        JsonNode means = new ObjectMapper()
                .readTree(dir.resolve("eval/eval.json").toFile())
                .path("mean");

        Map<String, Double> validation;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
                PolicyEnhancer policy = load(checkpoint)) {
            var cfg = new PixelPolishConfig.Validation(images.toString(), List.of(), 1, 16, 0, List.of());
            validation = new Validator(ValidationSets.load(cfg, manager), metrics, List.of(), manager)
                    .score(policy, manager);
        }

        List<String> compared = Stream.of(
                        ValidationMeasure.NIQE,
                        ValidationMeasure.BRISQUE,
                        ValidationMeasure.ENTROPY,
                        ValidationMeasure.EME,
                        ValidationMeasure.COLORFULNESS,
                        ValidationMeasure.EXPOSURE_ERROR,
                        ValidationMeasure.CLIPPED)
                .map(ValidationMeasure::measureName)
                .toList();
        for (String measure : compared) {
            double enhanced = means.path("pixelpolish").path(measure).asDouble();
            double input = means.path("input").path(measure).asDouble();
            assertThat(means.path("pixelpolish").path(measure).isNumber())
                    .as(measure + " in eval.json")
                    .isTrue();
            assertThat(validation.get(Metric.validation("images", measure)))
                    .as(measure)
                    .isCloseTo(enhanced, offset(1e-9));
            assertThat(validation.get(Metric.validation(measure)))
                    .as("pooled " + measure)
                    .isCloseTo(enhanced, offset(1e-9));
            assertThat(validation.get(Metric.validation("images", Metric.delta(measure))))
                    .as(measure + " delta")
                    .isCloseTo(enhanced - input, offset(1e-9));
        }
    }

    private static PolicyEnhancer load(Path checkpoint) throws IOException {
        return PolicyEnhancer.fromCheckpoint(
                checkpoint, PixelPolishConfig.DeviceChoice.CPU, null, PolicyEnhancer.DEFAULT_TILE, null);
    }
}
