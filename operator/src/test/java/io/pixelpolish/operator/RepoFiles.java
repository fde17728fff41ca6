package io.pixelpolish.operator;

import java.nio.file.Path;

/** Files of the repository outside the operator module: crds/ and examples/. */
public final class RepoFiles {
    private RepoFiles() {}

    /** Maven sets pixelpolish.repo.root; from an IDE the tests run in operator/. */
    public static Path root() {
        String root = System.getProperty("pixelpolish.repo.root");
        return (root != null ? Path.of(root) : Path.of("..")).toAbsolutePath().normalize();
    }

    /** The checked-in copy of a generated CRD file, e.g. trainingruns.pixelpolish.io-v1.yml. */
    public static Path crd(String generatedFileName) {
        return root().resolve("crds").resolve(generatedFileName.replace("-v1.yml", ".yaml"));
    }

    public static Path example(String name) {
        return root().resolve("examples").resolve(name);
    }

    public static String relative(Path path) {
        return root().relativize(path).toString();
    }
}
