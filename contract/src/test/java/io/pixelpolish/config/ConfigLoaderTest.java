package io.pixelpolish.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixelpolish.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    @Test
    void overridesApplyInOrderAndAssignmentsLast() throws IOException {
        Path first =
                Files.writeString(dir.resolve("a.yaml"), "train: {lr: 1.0e-3, batch_size: 4}\nmodel: {width: 16}\n");
        Path second = Files.writeString(dir.resolve("b.yaml"), "train: {lr: 2.0e-3}\n");
        PixelPolishConfig c = ConfigLoader.load(
                        "base", List.of(first.toString(), second.toString()), List.of("model.width=12"))
                .config();
        assertThat(c.train().lr()).isEqualTo(2e-3);
        assertThat(c.train().batchSize()).isEqualTo(4);
        assertThat(c.model().width()).isEqualTo(12);
        // untouched keys keep the base value
        assertThat(c.train().clipRatio()).isEqualTo(0.2);
        assertThat(c.train().episodeLength()).isEqualTo(5);
    }

    @Test
    void assignmentValuesAreReadAsYaml() {
        PixelPolishConfig c = ConfigLoader.load(
                        "base",
                        List.of(),
                        List.of(
                                "train.lr=1e-4",
                                "action.gamma_range=[0.5, 2.5]",
                                "train.lr_anneal=true",
                                "device=cpu",
                                "data.ir_path_pattern=thermal"))
                .config();
        assertThat(c.train().lr()).isEqualTo(1e-4);
        assertThat(c.action().gammaRange()).isEqualTo(new PixelPolishConfig.Range(0.5, 2.5));
        assertThat(c.train().lrAnneal()).isTrue();
        assertThat(c.device()).isEqualTo(PixelPolishConfig.DeviceChoice.CPU);
        assertThat(c.data().irPathPattern()).isEqualTo("thermal");
    }

    @Test
    void unknownKeyNamesItsPathSourceAndTheKnownKeys() throws IOException {
        Path override = Files.writeString(dir.resolve("typo.yaml"), "train:\n  learning_rate: 0.1\n");
        assertThatThrownBy(() -> ConfigLoader.load("base", List.of(override.toString()), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("typo.yaml")
                .hasMessageContaining("unknown key 'train.learning_rate'")
                .hasMessageContaining("known keys in train:")
                .hasMessageContaining("lr");
    }

    @Test
    void wrongTypesSayWhatWasExpected() {
        assertThatThrownBy(() -> ConfigLoader.load("base", List.of(), List.of("train.batch_size=4.5")))
                .hasMessageContaining("train.batch_size: expected an integer, got '4.5'");
        assertThatThrownBy(() -> ConfigLoader.load("base", List.of(), List.of("device=tpu")))
                .hasMessageContaining("device: expected one of auto|cpu|gpu, got 'tpu'");
        assertThatThrownBy(() -> ConfigLoader.load("base", List.of(), List.of("model.dilations=5")))
                .hasMessageContaining("model.dilations: expected a list");
        assertThatThrownBy(() -> ConfigLoader.load("base", List.of(), List.of("train.ppo_epochs=four")))
                .hasMessageContaining("train.ppo_epochs: expected an integer, got \"four\"");
    }

    @Test
    void valueProblemsAreAllReportedTogether() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        "base",
                        List.of(),
                        List.of(
                                "train.batch_size=0",
                                "train.clip_ratio=1.5",
                                "action.gamma_range=[3, 1]",
                                "action.mean_smoothing=4")))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(3))
                .hasMessageContaining("train.batch_size: expected >= 1, got 0")
                .hasMessageContaining("train.clip_ratio: expected in (0, 1), got 1.5")
                .hasMessageContaining("action.gamma_range: expected [min, max] with min <= max, got [3.0, 1.0]")
                .hasMessageContaining("action.mean_smoothing: expected an odd number >= 1, got 4");
    }

    @Test
    void numbersMustBeFiniteAndWithinWhatMemoryAllows() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        "base",
                        List.of(),
                        List.of(
                                "train.lr=1e999",
                                "data.degrade.gamma=[1.5, 1e999]",
                                "data.max_pixels=0",
                                "train.crop_size=8192")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("train.lr: expected a finite number, got Infinity")
                .hasMessageContaining("data.degrade.gamma[1]: expected a finite number, got Infinity")
                .hasMessageContaining("data.max_pixels: expected 1..715827882, got 0")
                .hasMessageContaining("train.crop_size: expected at most 4096 and batch_size * crop_size^2 at most");
        assertThatThrownBy(() ->
                        ConfigLoader.load("base", List.of(), List.of("train.batch_size=4096", "train.crop_size=256")))
                .hasMessageContaining("batch_size = 4096), got 256");
        assertThat(ConfigLoader.load("base", List.of(), List.of())
                        .config()
                        .data()
                        .maxPixels())
                .isEqualTo(100_000_000L);
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNamingTheKeyAndFile() throws IOException {
        Path twice =
                Files.writeString(dir.resolve("twice.yaml"), "train:\n  lr: 1.0e-4\n  batch_size: 4\n  lr: 3.0e-4\n");
        assertThatThrownBy(() -> ConfigLoader.load("base", List.of(twice.toString()), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(twice.toString())
                .hasMessageContaining("Duplicate field 'lr'")
                .hasMessageContaining("line 4");
    }

    @Test
    void validationAndBestCheckpointNameKnownMeasures() {
        assertThatThrownBy(() -> ConfigLoader.load(
                        "base",
                        List.of(),
                        List.of(
                                "validation.measures=[niqe, sharpness]",
                                "validation.sets=[../train]",
                                "validation.max_side=8",
                                "checkpoint.best=rewards/mean")))
                .isInstanceOfSatisfying(
                        ConfigException.class, e -> assertThat(e.problems()).hasSize(4))
                .hasMessageContaining("validation.measures: expected names from [niqe, brisque,")
                .hasMessageContaining("got sharpness")
                .hasMessageContaining(
                        "validation.sets: expected folders relative to validation.data_root, got ../train")
                .hasMessageContaining("validation.max_side: expected 0 (full size) or at least 32, got 8")
                .hasMessageContaining("checkpoint.best: expected eval/greedy_reward or a validation key");
        var checkpoint = ConfigLoader.load("base", List.of(), List.of("checkpoint.best=val/lol/psnr_delta"))
                .config()
                .checkpoint();
        assertThat(checkpoint.best()).isEqualTo("val/lol/psnr_delta");
    }

    @Test
    void missingFilesAndBadYamlAreNamed() throws IOException {
        assertThatThrownBy(() -> ConfigLoader.load("nope/missing.yaml", List.of(), List.of()))
                .hasMessageContaining("nope/missing.yaml")
                .hasMessageContaining("file not found");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "train: [unclosed\n");
        assertThatThrownBy(() -> ConfigLoader.load(broken.toString(), List.of(), List.of()))
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> ConfigLoader.load("base", List.of(), List.of("train.lr")))
                .hasMessageContaining("expected key.path=value");
    }

    @Test
    void aCustomBaseMissingKeysSaysWhichOne() throws IOException {
        Path partial = Files.writeString(dir.resolve("partial.yaml"), "seed: 1\n");
        assertThatThrownBy(() -> ConfigLoader.load(partial.toString(), List.of(), List.of()))
                .hasMessageContaining("device: missing; a base config must set every key");
    }

    @Test
    void effectiveYamlReloadsToTheSameConfig() {
        EffectiveConfig effective = ConfigLoader.load("base", List.of("local_dev"), List.of("train.lr=5e-4"));
        PixelPolishConfig reloaded = ConfigLoader.compose(
                        List.of(ConfigLayer.parse("config.yaml", effective.toYaml())), List.of())
                .config();
        assertThat(reloaded).isEqualTo(effective.config());
        assertThat(effective.toYaml())
                .startsWith(
                        "# effective PixelPolish config, merged from: built-in base + built-in local_dev + --set train.lr=5e-4");
    }

    @Test
    void everyConfigFileIsABuiltinAndLoads() throws IOException {
        Path configs = SharedData.repoRoot().resolve("configs");
        List<String> names;
        try (Stream<Path> files = Files.walk(configs)) {
            names = files.filter(p -> p.toString().endsWith(".yaml"))
                    .map(p -> configs.relativize(p).toString().replace(".yaml", ""))
                    .sorted()
                    .toList();
        }
        assertThat(names).containsExactlyInAnyOrderElementsOf(ConfigLayer.BUILTIN);
        for (String name : names) {
            List<String> overlay = name.equals("base") ? List.of() : List.of(name);
            assertThat(ConfigLoader.load("base", overlay, List.of()).config())
                    .as(name)
                    .isNotNull();
            // the repository path form resolves too, from any working directory
            assertThat(ConfigLayer.resolve("configs/" + name + ".yaml").source())
                    .contains(name);
        }
    }

    @Test
    void operatorStyleLayersCompose() {
        EffectiveConfig c = ConfigLoader.compose(
                List.of(
                        ConfigLayer.builtin("base"),
                        ConfigLayer.of("override 0", java.util.Map.of("train", java.util.Map.of("total_updates", 7)))),
                List.of("seed=42"));
        assertThat(c.config().train().totalUpdates()).isEqualTo(7);
        assertThat(c.config().seed()).isEqualTo(42);
        assertThat(ConfigLoader.flatten(c.config()))
                .containsEntry("train.total_updates", "7")
                .containsEntry("model.dilations", "[1,2,3,4]");
        assertThatThrownBy(() -> ConfigLayer.builtin("fancy")).hasMessageContaining("unknown built-in config 'fancy'");
    }
}
