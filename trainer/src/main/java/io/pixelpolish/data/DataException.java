package io.pixelpolish.data;

import io.pixelpolish.contract.InvalidInputException;

/** The training data cannot be used as configured: missing folder, no readable images, no sampleable modality. */
public class DataException extends InvalidInputException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
