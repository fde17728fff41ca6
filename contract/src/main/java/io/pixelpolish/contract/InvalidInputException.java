package io.pixelpolish.contract;

/**
 * Input the user must fix (a config, a data folder, a command-line option), with a one-line
 * message naming the file or key and what was expected. It is the only failure that ends the
 * trainer with {@link ExitCodes#INVALID_INPUT}; anything else is a bug or an outage and exits 1.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
