package io.pixelpolish.checkpoint;

import io.pixelpolish.contract.InvalidInputException;
import java.nio.file.Path;

/**
 * A checkpoint file that does not read back as it was written: torn, bit-flipped, not a
 * checkpoint at all, or of a format this build does not know. Named with what is wrong, so a run
 * can skip it for an older one and a user who passed it by path learns which file to replace.
 */
public final class DamagedCheckpointException extends InvalidInputException {
    private final transient Path file;
    private final String problem;

    DamagedCheckpointException(Path file, String problem, Throwable cause) {
        super("checkpoint " + file + " is damaged: " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    DamagedCheckpointException(Path file, String problem) {
        this(file, problem, null);
    }

    public Path file() {
        return file;
    }

    /** What is wrong with it, without the file's name. */
    public String problem() {
        return problem;
    }
}
