package io.pixelpolish;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The trainer's package graph, bottom-up: each package may use only those listed for it (and the
 * contract module, the JDK and libraries). README.md's layout table draws the same graph.
 */
class ArchitectureTest {
    private static final JavaClasses TRAINER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pixelpolish");

    @Test
    void packagesAreLayeredBottomUp() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("tensor")
                .definedBy("io.pixelpolish.tensor..")
                .layer("console")
                .definedBy("io.pixelpolish.console..")
                .layer("image")
                .definedBy("io.pixelpolish.image..")
                .layer("data")
                .definedBy("io.pixelpolish.data..")
                .layer("checkpoint")
                .definedBy("io.pixelpolish.checkpoint..")
                .layer("policy")
                .definedBy("io.pixelpolish.policy..")
                .layer("reward")
                .definedBy("io.pixelpolish.reward..")
                .layer("env")
                .definedBy("io.pixelpolish.env..")
                .layer("rl")
                .definedBy("io.pixelpolish.rl..")
                .layer("validation")
                .definedBy("io.pixelpolish.validation..")
                .layer("train")
                .definedBy("io.pixelpolish.train..")
                .layer("run")
                .definedBy("io.pixelpolish.run..")
                .layer("inference")
                .definedBy("io.pixelpolish.inference..")
                .layer("baseline")
                .definedBy("io.pixelpolish.baseline..")
                .layer("eval")
                .definedBy("io.pixelpolish.eval..")
                .layer("cli")
                .definedBy("io.pixelpolish.cli..")
                .whereLayer("tensor")
                .mayNotAccessAnyLayer()
                .whereLayer("console")
                .mayNotAccessAnyLayer()
                .whereLayer("image")
                .mayOnlyAccessLayers("tensor")
                .whereLayer("data")
                .mayOnlyAccessLayers("tensor", "image")
                .whereLayer("checkpoint")
                .mayOnlyAccessLayers("tensor")
                .whereLayer("policy")
                .mayOnlyAccessLayers("tensor")
                .whereLayer("reward")
                .mayOnlyAccessLayers("tensor")
                .whereLayer("env")
                .mayOnlyAccessLayers("tensor", "policy", "reward")
                .whereLayer("rl")
                .mayOnlyAccessLayers("tensor", "policy", "reward", "env")
                .whereLayer("validation")
                .mayOnlyAccessLayers("tensor", "image", "data", "reward", "inference")
                .whereLayer("train")
                .mayOnlyAccessLayers(
                        "tensor",
                        "image",
                        "data",
                        "checkpoint",
                        "policy",
                        "reward",
                        "env",
                        "rl",
                        "inference",
                        "validation")
                .whereLayer("run")
                .mayOnlyAccessLayers("console", "data", "checkpoint", "train")
                .whereLayer("inference")
                .mayOnlyAccessLayers("tensor", "image", "console", "checkpoint", "policy")
                .whereLayer("baseline")
                .mayOnlyAccessLayers("tensor", "inference")
                .whereLayer("eval")
                .mayOnlyAccessLayers(
                        "tensor", "image", "console", "data", "checkpoint", "reward", "inference", "baseline")
                .check(TRAINER);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.pixelpolish.(**)").should().beFreeOfCycles().check(TRAINER);
    }

    @Test
    void cliOnlyParses() {
        noClasses()
                .that()
                .resideInAPackage("io.pixelpolish.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("ai.djl.ndarray..")
                .because("commands parse options and hand over; tensor work lives in the layers below")
                .check(TRAINER);
    }
}
