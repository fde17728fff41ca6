package io.pixelpolish.operator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.pixelpolish.config.PixelPolishConfig;
import io.pixelpolish.operator.Fixtures;
import io.pixelpolish.operator.api.BaseConfig;
import io.pixelpolish.operator.api.BuiltinConfig;
import io.pixelpolish.operator.api.ConfigMapKeyRef;
import io.pixelpolish.operator.api.SecretRef;
import io.pixelpolish.operator.api.TrackingSpec;
import io.pixelpolish.operator.api.TrainerConfigSpec;
import io.pixelpolish.operator.api.TrainingRunSpec;
import io.pixelpolish.operator.api.ValidationSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EffectiveConfigsTest {
    private static final Function<String, Optional<ConfigMap>> NO_CONFIGMAPS = name -> Optional.empty();

    @Test
    void builtinOverlayThenOverridesThenSortedSetKeysThenSpecFields() throws Exception {
        ObjectNode override = (ObjectNode) new ObjectMapper().readTree("{\"train\":{\"lr\":0.001,\"batch_size\":4}}");
        TrainingRunSpec base = Fixtures.runSpec();
        TrainingRunSpec spec = new TrainingRunSpec(
                null,
                null,
                new TrainerConfigSpec(
                        new BaseConfig(BuiltinConfig.ABLATION_GRPO, null),
                        List.of(override),
                        Map.of(
                                "train.lr",
                                Fixtures.number(2e-4),
                                "reward.mode",
                                Fixtures.text("pixel"),
                                "checkpoint.interval",
                                Fixtures.number(7))),
                base.data(),
                base.output(),
                null,
                null,
                null,
                null,
                null,
                null,
                new TrackingSpec("http://mlflow:5000", "sweeps", null),
                false,
                null,
                null,
                null,
                25,
                null,
                null,
                null);

        EffectiveConfigs.Outcome outcome = EffectiveConfigs.compose(spec, Fixtures.NO_TRACKING_DEFAULTS, NO_CONFIGMAPS);

        assertThat(outcome).isInstanceOf(EffectiveConfigs.Outcome.Composed.class);
        PixelPolishConfig config =
                ((EffectiveConfigs.Outcome.Composed) outcome).config().config();
        assertThat(config.train().algorithm())
                .as("the grpo overlay on base")
                .isEqualTo(PixelPolishConfig.Algorithm.GRPO);
        assertThat(config.train().batchSize()).as("from the override map").isEqualTo(4);
        assertThat(config.train().lr()).as("set wins over the override map").isEqualTo(2e-4);
        assertThat(config.reward().mode()).isEqualTo(PixelPolishConfig.RewardMode.PIXEL);
        assertThat(config.checkpoint().interval())
                .as("spec.checkpointInterval wins over set")
                .isEqualTo(25);
        assertThat(config.tracking().mlflowUri()).isEqualTo("http://mlflow:5000");
        assertThat(config.tracking().experiment()).isEqualTo("sweeps");
    }

    @Test
    void validationReachesTheTrainerAsItsConfigSectionWithTheMountedRootAndTheHackingStop() {
        TrainingRunSpec spec = Fixtures.runSpec(
                new ValidationSpec("val-sets", "lowlight", List.of("LOL_eval15", "mit5k"), 10, 8, 256, List.of("niqe")),
                "val/lol_eval15/niqe",
                true);

        PixelPolishConfig config = composed(spec);

        assertThat(config.validation().dataRoot()).as("mounted at /validation").isEqualTo("/validation/lowlight");
        assertThat(config.validation().sets()).containsExactly("LOL_eval15", "mit5k");
        assertThat(config.validation().every()).isEqualTo(10);
        assertThat(config.validation().maxImages()).isEqualTo(8);
        assertThat(config.validation().maxSide()).isEqualTo(256);
        assertThat(config.validation().measures()).containsExactly("niqe");
        assertThat(config.checkpoint().best()).isEqualTo("val/lol_eval15/niqe");
        assertThat(config.train().stopOnHacking()).isTrue();

        PixelPolishConfig onTheDataClaim = composed(Fixtures.validatedRunSpec());
        assertThat(onTheDataClaim.validation().dataRoot()).isEqualTo("/data/" + Fixtures.VALIDATION_PATH);
        assertThat(onTheDataClaim.validation().every())
                .as("unset: the config's own")
                .isEqualTo(composed(Fixtures.runSpec()).validation().every());
        assertThat(composed(Fixtures.runSpec()).validation().enabled()).isFalse();
    }

    @Test
    void aMeasureTheTrainerDoesNotKnowIsInvalidConfig() {
        TrainingRunSpec spec = Fixtures.runSpec(
                new ValidationSpec(null, "val", null, null, null, null, List.of("sharpness")), null, null);

        assertThat(EffectiveConfigs.compose(spec, Fixtures.NO_TRACKING_DEFAULTS, NO_CONFIGMAPS))
                .isInstanceOfSatisfying(
                        EffectiveConfigs.Outcome.Invalid.class,
                        invalid -> assertThat(invalid.message())
                                .contains("validation.measures")
                                .contains("sharpness"));
    }

    private static PixelPolishConfig composed(TrainingRunSpec spec) {
        EffectiveConfigs.Outcome outcome = EffectiveConfigs.compose(spec, Fixtures.NO_TRACKING_DEFAULTS, NO_CONFIGMAPS);
        assertThat(outcome).isInstanceOf(EffectiveConfigs.Outcome.Composed.class);
        return ((EffectiveConfigs.Outcome.Composed) outcome).config().config();
    }

    @Test
    void invalidConfigNamesTheKeyAndWhatWasExpected() {
        TrainingRunSpec spec = Fixtures.withSet(Fixtures.runSpec(), Map.of("train.clip_ratio", Fixtures.number(1.5)));

        EffectiveConfigs.Outcome outcome = EffectiveConfigs.compose(spec, Fixtures.NO_TRACKING_DEFAULTS, NO_CONFIGMAPS);

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        EffectiveConfigs.Outcome.Invalid.class,
                        invalid -> assertThat(invalid.message())
                                .contains("train.clip_ratio")
                                .contains("expected in (0, 1)"));
    }

    @Test
    void unknownKeyIsInvalid() {
        TrainingRunSpec spec =
                Fixtures.withSet(Fixtures.runSpec(), Map.of("train.learning_rate", Fixtures.number(0.1)));

        assertThat(EffectiveConfigs.compose(spec, Fixtures.NO_TRACKING_DEFAULTS, NO_CONFIGMAPS))
                .isInstanceOfSatisfying(
                        EffectiveConfigs.Outcome.Invalid.class,
                        invalid -> assertThat(invalid.message()).contains("learning_rate"));
    }

    @Test
    void configMapBaseIsReadAndAMissingOneIsReportedAsMissing() {
        TrainingRunSpec base = Fixtures.runSpec();
        TrainingRunSpec spec = base.withConfig(
                new TrainerConfigSpec(new BaseConfig(null, new ConfigMapKeyRef("team-config", null)), null, null),
                false);
        ConfigMap teamConfig = new ConfigMapBuilder()
                .withNewMetadata()
                .withName("team-config")
                .endMetadata()
                .withData(Map.of("config.yaml", baseYamlWith("total_updates: 2000", "total_updates: 77")))
                .build();

        assertThat(EffectiveConfigs.compose(spec, Fixtures.NO_TRACKING_DEFAULTS, NO_CONFIGMAPS))
                .isInstanceOfSatisfying(
                        EffectiveConfigs.Outcome.MissingConfigMap.class,
                        missing -> assertThat(missing.message()).contains("team-config"));
        assertThat(EffectiveConfigs.compose(
                        spec,
                        Fixtures.NO_TRACKING_DEFAULTS,
                        name -> name.equals("team-config") ? Optional.of(teamConfig) : Optional.empty()))
                .isInstanceOfSatisfying(
                        EffectiveConfigs.Outcome.Composed.class,
                        composed -> assertThat(
                                        composed.config().config().train().totalUpdates())
                                .isEqualTo(77));
    }

    @Test
    void theOperatorsMlflowServerIsWhereARunWithoutItsOwnRecords() {
        TrackingSpec operatorMlflow =
                new TrackingSpec("http://mlflow.tools:5000", null, new SecretRef("mlflow-credentials"));

        assertThat(EffectiveConfigs.compose(Fixtures.runSpec(), operatorMlflow, NO_CONFIGMAPS))
                .isInstanceOfSatisfying(
                        EffectiveConfigs.Outcome.Composed.class,
                        composed -> assertThat(
                                        composed.config().config().tracking().mlflowUri())
                                .isEqualTo("http://mlflow.tools:5000"));
    }

    private static String baseYamlWith(String from, String to) {
        try (var in =
                io.pixelpolish.config.ConfigLayer.class.getResourceAsStream("/io/pixelpolish/configs/base.yaml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).replace(from, to);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
