package io.pixelpolish.operator;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.crd.CrdPostProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CRDs generated from the api classes by the same Fabric8 generator, version and post-processor
 * that the Quarkus build runs at package time, so tests need no packaged build.
 */
public final class GeneratedCrds {
    private static Map<String, String> generated;

    private GeneratedCrds() {}

    /** File name (e.g. trainingruns.pixelpolish.io-v1.yml) to YAML text. */
    public static synchronized Map<String, String> files() {
        if (generated == null) {
            generated = generate();
        }
        return generated;
    }

    private static Map<String, String> generate() {
        try {
            Path dir = Files.createTempDirectory("pixelpolish-crds");
            new CRDGenerator()
                    .withPostProcessor(new CrdPostProcessor())
                    .customResourceClasses(TrainingRun.class, Ablation.class)
                    .forCRDVersions("v1")
                    .inOutputDir(dir.toFile())
                    .generate();
            Map<String, String> files = new TreeMap<>();
            try (var paths = Files.list(dir)) {
                for (Path path : paths.toList()) {
                    files.put(path.getFileName().toString(), Files.readString(path));
                    Files.delete(path);
                }
            }
            Files.delete(dir);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
