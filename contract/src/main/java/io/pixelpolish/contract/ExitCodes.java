package io.pixelpolish.contract;

/**
 * The trainer's exit codes. Only {@link #INVALID_INPUT} tells the operator that retrying cannot
 * help; every other failure, a programming error included, is retried by the Job like a crash.
 */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    /** A config, data or command-line problem the user must fix (an {@link InvalidInputException}). */
    public static final int INVALID_INPUT = 2;

    private ExitCodes() {}
}
