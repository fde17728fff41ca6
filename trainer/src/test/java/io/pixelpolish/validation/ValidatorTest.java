package io.pixelpolish.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.data.DataException;
import io.pixelpolish.inference.Enhancer;
import io.pixelpolish.reward.FullReferenceMetrics;
import io.pixelpolish.reward.QualityMetrics;
import io.pixelpolish.testing.TestConfigs;
import io.pixelpolish.testing.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTest {
    @TempDir
    Path dir;

    private final NDManager manager = NDManager.newBaseManager(Device.cpu());
    private Path root;

    @BeforeEach
    void sets() throws IOException {
        root = dir.resolve("val");
        TestImages.writeFolder(root.resolve("lol/low"), 2, 48, true, 7);
        TestImages.writeFolder(root.resolve("lol/high"), 2, 48, false, 7);
        TestImages.writeFolder(root.resolve("Night Shots"), 3, 48, true, 11);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static PixelPolishConfig.Validation validation(Path root, List<String> sets, List<String> measures) {
        return new PixelPolishConfig.Validation(root.toString(), sets, 1, 2, 0, measures);
    }

    private static Enhancer enhancer(UnaryOperator<NDArray> curve) {
        return new Enhancer() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public NDArray enhance(NDArray rgb) {
                return curve.apply(rgb);
            }
        };
    }

    private Validator validator(PixelPolishConfig.Validation validation) throws IOException {
        QualityMetrics metrics = QualityMetrics.forConfig(TestConfigs.tiny().reward());
        return new Validator(ValidationSets.load(validation, manager), metrics, validation.measures(), manager);
    }

    @Test
    void theInputScoresNoChangeAndEverySetAndThePoolGetTheirKeys() throws IOException {
        Validator validator = validator(validation(root, List.of(), List.of()));
        assertThat(validator.sets().labels()).as("folders in path order").containsExactly("night_shots", "lol");
        assertThat(validator.sets().size()).isEqualTo(4);

        Map<String, Double> identity = validator.score(enhancer(x -> x), manager);
        assertThat(identity)
                .containsKeys("val/entropy", "val/lol/psnr", "val/lol/ssim", "val/night_shots/colorfulness")
                .doesNotContainKeys("val/night_shots/psnr", "val/niqe");
        assertThat(identity)
                .allSatisfy((key, value) -> assertThat(value).as(key).isFinite());
        identity.forEach((key, value) -> {
            if (key.endsWith("_delta") || key.endsWith("/quality")) {
                assertThat(value).as(key).isCloseTo(0.0, offset(1e-9));
            }
        });

        ValidationSets lol = ValidationSets.load(validation(root, List.of("lol"), List.of()), manager);
        double meanPsnr = lol.images().stream()
                .mapToDouble(image -> FullReferenceMetrics.psnr(image.input(manager), image.truth(manager)))
                .average()
                .orElseThrow();
        assertThat(identity.get("val/lol/psnr")).isCloseTo(meanPsnr, offset(1e-6));
    }

    @Test
    void brighteningDarkImagesLowersTheExposureErrorAndRaisesQuality() throws IOException {
        Validator validator = validator(validation(root, List.of(), List.of()));
        Map<String, Double> brighter = validator.score(enhancer(x -> x.pow(0.5f)), manager);
        assertThat(brighter.get("val/exposure_error_delta")).isNegative();
        assertThat(brighter.get("val/lol/psnr_delta")).isPositive();
        assertThat(brighter.get("val/quality")).isPositive();
        assertThat(brighter.get("val/exposure_error") - brighter.get("val/exposure_error_delta"))
                .as("the input's exposure error")
                .isGreaterThan(brighter.get("val/exposure_error"));
    }

    @Test
    void onlyTheConfiguredMeasuresAreReported() throws IOException {
        Validator validator = validator(validation(root, List.of("Night Shots"), List.of("entropy", "quality")));
        assertThat(validator.score(enhancer(x -> x), manager))
                .containsOnlyKeys(
                        "val/entropy",
                        "val/entropy_delta",
                        "val/quality",
                        "val/night_shots/entropy",
                        "val/night_shots/entropy_delta",
                        "val/night_shots/quality");
    }

    @Test
    void badFoldersAreNamed() throws IOException {
        assertThatThrownBy(() -> validator(validation(dir.resolve("missing"), List.of(), List.of())))
                .isInstanceOf(DataException.class)
                .hasMessage("validation.data_root " + dir.resolve("missing") + ": no such folder");
        assertThatThrownBy(() -> validator(validation(root, List.of("nope"), List.of())))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("validation.sets: nope is no folder under");
        Files.delete(root.resolve("lol/high/scene-01.png"));
        assertThatThrownBy(() -> validator(validation(root, List.of(), List.of())))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("scene-01.png has no ground truth");
    }

    @Test
    void theQualityCompositeIsTheMeanClippedRelativeGain() {
        Map<String, Double> in = Map.of("niqe", 8.0, "entropy", 5.0, "exposure_error", 0.4, "brisque", 40.0);
        Map<String, Double> out = Map.of("niqe", 6.0, "entropy", 7.0, "exposure_error", 0.0, "brisque", 100.0);
        // niqe +0.25, entropy +0.4, exposure +1, brisque -1.5 clipped to -1
        assertThat(Validator.quality(in, out)).isCloseTo((0.25 + 0.4 + 1 - 1) / 4, offset(1e-12));
    }
}
