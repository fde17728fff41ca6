package io.pixelpolish.checkpoint;

import io.pixelpolish.contract.InvalidInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A file of the run (or a report) could not be written: the disk is full, the folder read-only or
 * not ours. No retry changes that, so it ends the command with exit code 2 and one line naming the
 * path, like bad input; whatever was half-written has been removed by then.
 */
public final class CannotWriteException extends InvalidInputException {
    public CannotWriteException(Path path, IOException cause) {
        super("cannot write " + path + ": " + reason(cause), cause);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
