package io.pixelpolish.cli;

import io.pixelpolish.contract.InvalidInputException;

/** A command-line option the user must fix; the message starts with the option's name. */
final class InvalidOptionException extends InvalidInputException {
    InvalidOptionException(String message) {
        super(message);
    }
}
