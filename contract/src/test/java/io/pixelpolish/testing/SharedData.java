package io.pixelpolish.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the real test images live: {@code <repo root>/../shared/data}, or the folder named by the
 * environment variable {@value #ENVIRONMENT}. The repo root comes from the system property
 * {@value #ROOT_PROPERTY} (set by surefire), else from the nearest folder above the working directory
 * that holds {@code configs/base.yaml}, so tests also run from an IDE.
 */
public final class SharedData {

    public static final String ROOT_PROPERTY = "pixelpolish.repo.root";
    public static final String ENVIRONMENT = "PIXELPOLISH_SHARED_DATA";

    private SharedData() {}

    public static Path repoRoot() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        for (Path dir = workingDirectory; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("configs/base.yaml"))) {
                return dir;
            }
        }
        return workingDirectory;
    }

    /** The shared data folder, whether or not it exists. */
    public static Path location() {
        String override = System.getenv(ENVIRONMENT);
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath().normalize();
        }
        return repoRoot().resolve("../shared/data").normalize();
    }

    /**
     * The shared data folder, or {@code relative} inside it; the calling test is skipped (not passed)
     * when that folder is absent.
     */
    public static Path require(String relative) {
        Path dir = location().resolve(relative);
        Assumptions.assumeTrue(
                Files.isDirectory(dir),
                () -> "skipped: ../shared/data not present (no folder " + dir + "; set " + ENVIRONMENT + " or -D"
                        + ROOT_PROPERTY + " to point elsewhere)");
        return dir;
    }

    public static Path require() {
        return require("");
    }
}
